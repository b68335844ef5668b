"""Changing ``pack.toml`` in place, table by table, so that what the teacher wrote around an
edit stays as it was: comments, order, blank lines and the layout of every other table.

The document is a ``tomlkit`` document. Every function here changes one table (an article
field, a claim, an account, a source card, a footnote card) and leaves the others alone. A
key the importer left as a comment (``# verdict = ""``) is written where that comment was.
Strings are written as basic strings with control and bidirectional characters escaped, as
the importer writes them.
"""

from __future__ import annotations

__all__ = [
    "ITEM_KEYS",
    "NotFound",
    "SourceInUse",
    "aot",
    "claim_index",
    "claim_table",
    "delete_account",
    "delete_claim",
    "delete_source",
    "insert_claim",
    "move_account",
    "put_account",
    "put_footnote",
    "put_source",
    "set_article",
    "set_claim",
    "set_items",
    "source_table",
    "source_users",
]

import re
from collections.abc import Mapping, Sequence

import tomlkit
from tomlkit.container import Container
from tomlkit.items import AoT, Array, Comment, InlineTable, Item, Null, Table, Whitespace

from reader.tomlwrite import toml_string

ITEM_KEYS = ("notes", "questions", "prompts")  # a claim's lists of texts

Values = Mapping[str, str | None]  # None (or ""): take the key out


class NotFound(LookupError):
    """The claim, account or source card named is not in the pack (any more)."""


class SourceInUse(Exception):
    """A source card still used by accounts or footnote cards cannot be deleted."""

    def __init__(self, source_id: str, users: list[str]) -> None:
        super().__init__(source_id)
        self.source_id = source_id
        self.users = users


# -- values --------------------------------------------------------------------------------------


DATE_KEYS = ("published", "date")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _value(value: str, key: str = "") -> Item:
    """A basic string item, escaped as the importer writes strings; a date for a date key
    (``published = 2023-10-05``)."""
    if key in DATE_KEYS and _DATE.fullmatch(value):
        return tomlkit.value(value)
    return tomlkit.value(toml_string(value))


def _placeholder_index(container: Container, key: str) -> int | None:
    """Where the importer left ``# key = …`` as a comment in ``container``."""
    for index, (name, item) in enumerate(container.body):
        if name is None and isinstance(item, Comment):
            text = item.as_string().strip().lstrip("#").strip()
            if text.startswith(f"{key} =") or text.startswith(f"{key}="):
                return index
    return None


def _set_key(table: Table, key: str, value: str | None) -> None:
    """Set (or, for None or "", remove) ``key`` of ``table``, keeping its place."""
    container = table.value
    if not value:
        if key in table:
            del table[key]
        return
    if key in table:
        table[key] = _value(value, key)
        return
    index = _placeholder_index(container, key)
    if index is not None:
        container.body[index] = (None, Null())
        container._insert_at(index, key, _value(value, key))
        return
    table[key] = _value(value, key)


def _set_values(table: Table, values: Values) -> None:
    for key, value in values.items():
        _set_key(table, key, value)


def _new_table(values: Values) -> Table:
    table = tomlkit.table()
    for key, value in values.items():
        if value:
            table.add(key, _value(value, key))
    table.add(tomlkit.nl())
    return table


# -- arrays of tables ----------------------------------------------------------------------------


def aot(container: Container | Table, key: str) -> AoT | None:
    """The array of tables ``key`` of ``container`` (None if it has none)."""
    found = container.get(key)
    return found if isinstance(found, AoT) else None


def _last_table(table: Table) -> Table:
    """The table whose lines come last when ``table`` is written (its last sub-table's)."""
    body = table.value.body
    for _name, item in reversed(body):
        if isinstance(item, (Whitespace, Null, Comment)):
            continue
        if isinstance(item, AoT) and len(item):
            return _last_table(item[-1])
        if isinstance(item, Table) and not item.is_super_table():
            return _last_table(item)
        break
    return table


def _blank_line_after(table: Table) -> None:
    """End ``table``'s lines with a blank line, so that a table appended after it is set off."""
    if not table.as_string().endswith("\n\n"):
        _last_table(table).add(tomlkit.nl())


def _append_table(parent: Container | Table, key: str, table: Table, at: int | None = None) -> None:
    tables = aot(parent, key)
    if tables is None:
        parent[key] = tomlkit.aot()
        tables = aot(parent, key)
        assert tables is not None
    if at is None or at >= len(tables):
        introducing: list[Comment | Whitespace] = []
        if len(tables):
            introducing = _take_trailing_comments(_last_table(tables[-1]))
            _blank_line_after(tables[-1])
        tables.append(table)
        for item in introducing:  # they introduce what follows: keep them just before it
            table.add(item)
    else:
        tables.insert(at, table)
    table.trivia.indent = ""  # tomlkit sets a newline off; the blank line above does it


def _delete_table(tables: AoT, index: int) -> None:
    """Delete ``tables[index]``, keeping the comments at its end that introduce what follows:
    they go to the end of the table before it (or, for the first, to the start of the next)."""
    introducing = _take_trailing_comments(_last_table(tables[index]))
    del tables[index]
    if not introducing:
        return
    if index > 0:
        before = _last_table(tables[index - 1])
        _blank_line_after(tables[index - 1])
        for item in introducing:
            before.add(item)
    elif len(tables):
        body = tables[0].value.body
        body[0:0] = [(None, item) for item in introducing if isinstance(item, Comment)]


def _take_trailing_comments(table: Table) -> list[Comment | Whitespace]:
    """The comment lines at the end of ``table``, after its last key and a blank line (a
    heading for what comes next, such as "# -- The article's own notes --"): taken out of it,
    with what follows them, so that a table added after it goes above them."""
    body = table.value.body
    start = len(body)
    while start > 0 and body[start - 1][0] is None and isinstance(
            body[start - 1][1], (Comment, Whitespace, Null)):
        start -= 1
    tail = body[start:]
    # The last block of comments, with the blank lines after it...
    end = len(tail)
    while end > 0 and isinstance(tail[end - 1][1], (Whitespace, Null)):
        end -= 1
    first = end
    while first > 0 and isinstance(tail[first - 1][1], Comment):
        first -= 1
    # ...when a blank line sets it off: comments right under a key belong to the table.
    if first == end or first == 0 or not isinstance(tail[first - 1][1], Whitespace):
        return []
    moving = [item for _key, item in tail[first:] if isinstance(item, (Comment, Whitespace))]
    del body[start + first :]
    return moving


# -- the article ---------------------------------------------------------------------------------


def set_article(doc: Container, values: Values) -> None:
    """Change fields of ``[article]`` (title, author, publisher, published, url, language)."""
    article = doc.get("article")
    if not isinstance(article, Table):
        raise NotFound("the pack has no [article] table")
    for key, value in values.items():
        _set_key(article, key, value)


# -- claims --------------------------------------------------------------------------------------


def claim_index(doc: Container, claim_id: str) -> int:
    """Where the claim ``claim_id`` is in ``[[claims]]``."""
    for index, table in enumerate(aot(doc, "claims") or ()):
        if table.get("id") == claim_id:
            return index
    raise NotFound(f"no claim with id {claim_id!r}")


def claim_table(doc: Container, claim_id: str) -> Table:
    index = claim_index(doc, claim_id)
    claims = aot(doc, "claims")
    assert claims is not None
    table: Table = claims[index]
    return table


def insert_claim(doc: Container, values: Values, at: int | None = None) -> None:
    """A new ``[[claims]]`` table with ``values``, at index ``at`` (None: after the last)."""
    _append_table(doc, "claims", _new_table(values), at)


def set_claim(doc: Container, claim_id: str, values: Values) -> None:
    """Change the claim's own keys (quote, prefix, suffix, kind, verdict, summary, id)."""
    _set_values(claim_table(doc, claim_id), values)


def delete_claim(doc: Container, claim_id: str) -> None:
    claims = aot(doc, "claims")
    assert claims is not None
    _delete_table(claims, claim_index(doc, claim_id))


def set_items(doc: Container, claim_id: str, key: str, texts: Sequence[str]) -> None:
    """Replace the claim's ``notes``, ``questions`` or ``prompts`` with ``texts``: kept in the
    form they were written in (an inline array or ``[[claims.<key>]]`` tables)."""
    assert key in ITEM_KEYS
    table = claim_table(doc, claim_id)
    texts = [text for text in texts if text.strip()]
    existing = table.get(key)
    if isinstance(existing, AoT) and texts:
        # Rewritten where they stand, so the lines around them do not move.
        introducing = _take_trailing_comments(_last_table(existing[len(existing) - 1]))
        while len(existing):
            del existing[0]
        for text in texts:
            _append_table(table, key, _new_table({"text": text}))
        last = existing[len(existing) - 1]
        for comment in introducing:
            last.add(comment)
        return
    if existing is not None:
        inline = isinstance(existing, Array)
        del table[key]
    else:
        inline = False
    if not texts:
        return
    if inline:
        array = tomlkit.array()
        for text in texts:
            item = tomlkit.inline_table()
            item.append("text", _value(text))
            array.append(item)
        table[key] = array
        return
    for text in texts:
        _append_table(table, key, _new_table({"text": text}))


# -- accounts ------------------------------------------------------------------------------------


def _accounts(doc: Container, claim_id: str) -> AoT:
    table = claim_table(doc, claim_id)
    found = aot(table, "accounts")
    if found is None:
        raise NotFound(f"claim {claim_id!r} has no accounts")
    return found


def put_account(doc: Container, claim_id: str, values: Values, index: int | None = None) -> None:
    """Add an account to the claim (``index`` None) or change account ``index``."""
    if index is None:
        _append_table(claim_table(doc, claim_id), "accounts", _new_table(values))
        return
    accounts = _accounts(doc, claim_id)
    if not 0 <= index < len(accounts):
        raise NotFound(f"claim {claim_id!r} has no account {index + 1}")
    _set_values(accounts[index], values)


def move_account(doc: Container, claim_id: str, index: int, step: int) -> int:
    """Move account ``index`` up (``step`` -1) or down (+1); its new index."""
    accounts = _accounts(doc, claim_id)
    target = index + step
    if not (0 <= index < len(accounts) and 0 <= target < len(accounts)):
        return index
    # Comments at the end of the last account introduce what follows the claim: they stay last.
    introducing = _take_trailing_comments(_last_table(accounts[len(accounts) - 1]))
    moved = accounts[index]
    _blank_line_after(moved)
    if target == len(accounts) - 1:
        _blank_line_after(accounts[target])
    del accounts[index]
    accounts.insert(target, moved)
    moved.trivia.indent = ""
    last = _last_table(accounts[len(accounts) - 1])
    for item in introducing:
        last.add(item)
    return target


def delete_account(doc: Container, claim_id: str, index: int) -> None:
    accounts = _accounts(doc, claim_id)
    if not 0 <= index < len(accounts):
        raise NotFound(f"claim {claim_id!r} has no account {index + 1}")
    _delete_table(accounts, index)
    if not len(accounts):
        del claim_table(doc, claim_id)["accounts"]


# -- source cards and footnote cards -------------------------------------------------------------


def source_table(doc: Container, source_id: str) -> Table | None:
    """The ``[[sources]]`` table of the card ``source_id``, as written (None: no such card)."""
    index = _source_index(doc, source_id)
    sources = aot(doc, "sources")
    return sources[index] if index is not None and sources is not None else None


def _source_index(doc: Container, source_id: str) -> int | None:
    for index, table in enumerate(aot(doc, "sources") or ()):
        if table.get("id") == source_id:
            return index
    return None


def put_source(doc: Container, values: Values, source_id: str | None = None) -> None:
    """Add a source card (``source_id`` None) or change the card ``source_id``.

    A new card goes after the last card, before the first claim where there are no cards.
    """
    if source_id is not None:
        index = _source_index(doc, source_id)
        if index is None:
            raise NotFound(f"no source card with id {source_id!r}")
        sources = aot(doc, "sources")
        assert sources is not None
        _set_values(sources[index], values)
        return
    if aot(doc, "sources") is None and "claims" in doc:
        _add_before(doc, "claims", "sources")
    _append_table(doc, "sources", _new_table(values))


def _add_before(doc: Container, before: str, key: str) -> None:
    """An empty array of tables ``key`` placed just before ``before`` in ``doc``."""
    for index, (name, _item) in enumerate(doc.body):
        if name is not None and name.key == before:
            doc._insert_at(index, key, tomlkit.aot())
            return
    doc[key] = tomlkit.aot()


def source_users(doc: Container, source_id: str) -> list[str]:
    """What uses the card ``source_id``: "claim <id>, account <n>" and "footnote [<label>]"."""
    users = []
    for claim in aot(doc, "claims") or ():
        for number, account in enumerate(aot(claim, "accounts") or (), start=1):
            if account.get("source") == source_id:
                users.append(f"claim {claim.get('id')}, account {number}")
    footnotes = doc.get("footnotes")
    if isinstance(footnotes, (Table, InlineTable)):
        for label, card in footnotes.items():
            if isinstance(card, (Table, InlineTable)) and card.get("source") == source_id:
                users.append(f"footnote [{label}]")
    return users


def delete_source(doc: Container, source_id: str) -> None:
    """Delete the card; :class:`SourceInUse` (naming the users) while anything uses it."""
    index = _source_index(doc, source_id)
    if index is None:
        raise NotFound(f"no source card with id {source_id!r}")
    users = source_users(doc, source_id)
    if users:
        raise SourceInUse(source_id, users)
    sources = aot(doc, "sources")
    assert sources is not None
    _delete_table(sources, index)


def put_footnote(doc: Container, label: str, values: Values) -> None:
    """Write the card ``[footnotes.<label>]`` (source, note), adding it if there is none."""
    footnotes = doc.get("footnotes")
    if footnotes is None:
        footnotes = tomlkit.table(is_super_table=True)
        _insert_table_before_claims(doc, "footnotes", footnotes)
        footnotes = doc["footnotes"]
    card = footnotes.get(label)
    if isinstance(card, (Table, InlineTable)):
        for key, value in values.items():
            if isinstance(card, Table):
                _set_key(card, key, value)
            elif value:
                card[key] = _value(value, key)
            elif key in card:
                del card[key]
        return
    new = _new_table(values)
    tables = [item for item in footnotes.values() if isinstance(item, Table)]
    if tables:
        _blank_line_after(tables[-1])
    footnotes.append(label, new)


def _insert_table_before_claims(doc: Container, key: str, table: Table) -> None:
    for index, (name, _item) in enumerate(doc.body):
        if name is not None and name.key == "claims":
            doc._insert_at(index, key, table)
            return
    doc[key] = table


"""Any sequence of authoring actions leaves a pack that loads and checks as the live check
said it would, with every comment of the tables it did not touch where it was."""

from __future__ import annotations

import contextlib
import re
import shutil
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.authoring import tables
from reader.authoring.author import Author
from reader.authoring.document import Refused
from reader.authoring.quote import QuoteSelection
from reader.importer import import_text, write_pack
from reader.model import CLAIM_KINDS, STANCES
from reader.pack.load import load_pack
from reader.resources import bundled_packs

from .conftest import examples

ARTICLE = (
    "Floods in the valley\n\n"
    "The river rose by two metres in 2021, the council said.[1] Nobody was hurt that night. "
    "Repairs cost four million euros.[2]\n\n"
    "Some residents left the valley for good, a survey found. The river rose by two metres "
    "in 2021, the council said.\n\n"
    "Notes\n\n[1] Valley Council, flood report, 2021.\n\n[2] Regional budget, 2022.\n"
)
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r"),
               min_size=1, max_size=40).filter(lambda t: t.strip() != "")
ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["title", "claim", "verdict", "account", "move", "delete-account",
                         "source", "delete-source", "footnote", "items", "delete-claim",
                         "undo", "redo"]),
        st.integers(0, 50), st.integers(0, 50), TEXT,
    ),
    min_size=1, max_size=12,
)
_HEADER = re.compile(r"^\[\[?\s*([^\]]+?)\s*\]\]?")
_ID = re.compile(r'^id\s*=\s*"([^"]*)"')


def sections(text: str) -> Counter[tuple[str, str, str]]:
    """Every comment line, keyed by the table it belongs to: ("claims", id), ("sources", id),
    ("footnotes", label), ("article", ""), or ("top", ""). A comment belongs to the table it
    stands in, except a block of comments set off by a blank line just before a header: that
    introduces the next table and belongs to it."""
    found: Counter[tuple[str, str, str]] = Counter()
    where = ("top", "")
    waiting: list[str] = []  # comments not yet given to a table
    set_off = False  # a blank line came before the waiting comments
    blank = False
    carried: list[str] = []  # comments introducing a table whose id is not read yet

    def give(comments: list[str]) -> None:
        for comment in comments:
            found[(where[0], where[1], comment)] += 1

    for line in text.splitlines():
        stripped = line.strip()
        header = _HEADER.match(line)
        if header:
            if waiting and not set_off:
                give(waiting)
                waiting = []
            carried, waiting = waiting, []
            name = header.group(1)
            if name in ("claims", "sources"):
                where = (name, "?")
            elif name.startswith("footnotes."):
                where = ("footnotes", name.removeprefix("footnotes."))
            elif name == "article":
                where = ("article", "")
            if where[1] != "?":
                give(carried)
                carried = []
            blank = False
            continue  # [[claims.accounts]] and the like stay with their claim
        if stripped.startswith("#"):
            if waiting and blank:  # a new block: the one before it stays where it stands
                give(waiting)
                waiting = []
            if not waiting:
                set_off = blank
            waiting.append(stripped)
            blank = False
            continue
        if not stripped:
            blank = True
            continue
        found_id = _ID.match(line)
        if found_id and where[1] == "?":
            where = (where[0], found_id.group(1))
            give(carried)
            carried = []
        give(waiting)
        waiting, blank = [], False
    give(carried + waiting)
    return found


def apply(author: Author, action: tuple[str, int, int, str], touched: set[tuple[str, str]]
          ) -> None:
    kind, a, b, text = action
    pack = author.pack
    assert pack is not None
    claims = [c for c in pack.claims if c.anchor.found]
    sources = list(pack.sources)

    def pick(items: list[str] | list[int], at: int) -> object:
        return items[at % len(items)] if items else None

    if kind == "undo" or kind == "redo":
        touched.add(("all", ""))  # an undo or redo may bring back any table
        author.undo() if kind == "undo" else author.redo()
        return
    if kind == "title":
        touched.add(("article", ""))
        author.change(kind, lambda doc: tables.set_article(doc, {"title": text}))
    elif kind == "claim":
        sentence = a % len(pack.article.sentences)
        selection = QuoteSelection(pack.article, sentence)
        for _ in range(b % 4):
            selection.move_end(-1)
        choice = selection.choice()
        if not choice.placed or not choice.quote.strip():
            return
        claim_id = author.new_claim_id(choice.quote)
        touched.add(("claims", claim_id))
        values = {"id": claim_id, "quote": choice.quote, "prefix": choice.prefix or None,
                  "suffix": choice.suffix or None, "kind": CLAIM_KINDS[a % len(CLAIM_KINDS)]}
        at = author.claim_position(choice.start)
        author.change(kind, lambda doc: tables.insert_claim(doc, values, at))
    elif claims and kind in ("verdict", "account", "move", "delete-account", "items",
                             "delete-claim"):
        claim = claims[a % len(claims)]
        touched.add(("claims", claim.id))
        if kind == "verdict":
            verdict = pack.scale.verdicts[b % len(pack.scale.verdicts)].id
            author.change(kind, lambda doc: tables.set_claim(
                doc, claim.id, {"verdict": verdict, "summary": text}))
        elif kind == "account" and sources:
            values = {"source": str(pick(sources, b)), "stance": STANCES[b % len(STANCES)],
                      "says": text}
            author.change(kind, lambda doc: tables.put_account(doc, claim.id, values))
        elif kind == "move" and len(claim.accounts) > 1:
            index = b % len(claim.accounts)
            author.change(kind, lambda doc: tables.move_account(doc, claim.id, index, 1))
        elif kind == "delete-account" and claim.accounts:
            index = b % len(claim.accounts)
            author.change(kind, lambda doc: tables.delete_account(doc, claim.id, index))
        elif kind == "items":
            key = tables.ITEM_KEYS[b % 3]
            author.change(kind, lambda doc: tables.set_items(doc, claim.id, key,
                                                              [text, text + "?"]))
        elif kind == "delete-claim":
            author.change(kind, lambda doc: tables.delete_claim(doc, claim.id))
    elif kind == "source":
        source_id = author.new_source_id(text)
        touched.add(("sources", source_id))
        author.change(kind, lambda doc: tables.put_source(
            doc, {"id": source_id, "title": text, "kind": "news"}))
    elif kind == "delete-source" and sources:
        source_id = str(pick(sources, a))
        try:
            author.change(kind, lambda doc: tables.delete_source(doc, source_id))
            touched.add(("sources", source_id))
        except tables.SourceInUse:
            pass
    elif kind == "footnote" and pack.article.footnotes:
        label = str(pick(list(pack.article.footnotes), a))
        touched.add(("footnotes", label))
        author.change(kind, lambda doc: tables.put_footnote(doc, label, {"note": text}))


def run_sequence(folder: Path, actions: list[tuple[str, int, int, str]]) -> None:
    original = (folder / "pack.toml").read_text(encoding="utf-8")
    author = Author.open(folder)
    touched: set[tuple[str, str]] = set()
    for action in actions:
        # A refused change leaves the pack as it was; it is checked below like the rest.
        with contextlib.suppress(Refused):
            apply(author, action, touched)
    live = [p.format() for p in author.problems]
    result = load_pack(folder)
    assert result.pack is not None
    assert [p.format() for p in result.problems] == live
    assert (folder / "pack.toml").read_text(encoding="utf-8") == author.document.text
    if ("all", "") not in touched:
        before, after = sections(original), sections(author.document.text)
        for key, count in before.items():
            if (key[0], key[1]) not in touched:
                assert after[key] == count, key


@settings(examples(300), suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow], deadline=None)
@given(actions=ACTIONS)
def test_any_authoring_on_an_imported_skeleton(tmp_path_factory: object, actions: list[
        tuple[str, int, int, str]]) -> None:
    folder = Path(str(tmp_path_factory.mktemp("pack")))  # type: ignore[attr-defined]
    write_pack(import_text(ARTICLE, source_name="floods.txt"), folder / "p")
    run_sequence(folder / "p", actions)


@settings(examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture,
                                               HealthCheck.too_slow], deadline=None)
@given(actions=ACTIONS)
def test_any_authoring_on_the_tutorial(tmp_path_factory: object, actions: list[
        tuple[str, int, int, str]]) -> None:
    folder = Path(str(tmp_path_factory.mktemp("pack")))  # type: ignore[attr-defined]
    shutil.copytree(bundled_packs()[-1], folder / "p")
    run_sequence(folder / "p", actions)

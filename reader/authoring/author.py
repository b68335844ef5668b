"""A teacher writing a pack in the reader: every change made, checked and saved at once.

:class:`Author` is what the reader's author mode works through. Each change is made on the
pack's document (:class:`~reader.authoring.document.PackDocument`), checked, and written to
``pack.toml`` straight away, like the student's notes: nothing typed waits for a save key,
and undo and redo reach back to the pack as it was opened. The pack the check loaded is what
the reader shows next.

It also keeps the review of the importer's stubs (claims with no verdict yet) and makes ids
for new claims and source cards.
"""

from __future__ import annotations

__all__ = ["Author", "NotSaved", "is_bundled"]

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from tomlkit.toml_document import TOMLDocument

from reader.authoring import tables
from reader.authoring.document import PackDocument
from reader.ingest.stubs import slug
from reader.model import Claim, Pack
from reader.problems import Problem
from reader.resources import data_root

T = TypeVar("T")


class NotSaved(Exception):
    """The change was made and checked but ``pack.toml`` could not be written; it is kept in
    memory and written with the next change."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_bundled(pack_file: Path) -> bool:
    """Whether ``pack_file`` is one of the packs that come with the reader."""
    try:
        return pack_file.resolve().is_relative_to(data_root().resolve())
    except OSError:
        return False


class Author:
    """See the module's notes."""

    def __init__(self, document: PackDocument) -> None:
        self.document = document
        self._stubs_at_start = len(self.stubs())
        self.skipped: set[str] = set()  # stubs passed over in this review

    @classmethod
    def open(cls, path: Path) -> Author:
        return cls(PackDocument.open(path))

    # -- what the reader shows ----------------------------------------------------------------

    @property
    def pack(self) -> Pack | None:
        return self.document.checked.result.pack

    @property
    def problems(self) -> list[Problem]:
        return self.document.checked.problems

    @property
    def pack_file(self) -> Path:
        return self.document.pack_file

    def counts(self) -> tuple[int, int]:
        """Errors and warnings of the pack as it is now."""
        checked = self.document.checked
        return checked.error_count, checked.warning_count

    # -- changes --------------------------------------------------------------------------------

    def change(self, what: str, change: Callable[[TOMLDocument], T]) -> T:
        """Make, check and save a change (see :meth:`PackDocument.edit` for what it raises;
        :class:`NotSaved` if the file could not be written)."""
        outcome = self.document.edit(what, change)
        self._save()
        return outcome

    def undo(self) -> str | None:
        what = self.document.undo()
        if what is not None:
            self._save()
        return what

    def redo(self) -> str | None:
        what = self.document.redo()
        if what is not None:
            self._save()
        return what

    def _save(self) -> None:
        try:
            self.document.save()
        except OSError as exc:
            raise NotSaved(f"{self.pack_file}: {exc.strerror or exc}") from None

    # -- ids ------------------------------------------------------------------------------------

    def new_claim_id(self, quote: str) -> str:
        taken = {str(t.get("id")) for t in tables.aot(self.document.doc, "claims") or ()}
        return slug(quote, taken, f"claim-{len(taken) + 1}")

    def new_source_id(self, title: str) -> str:
        taken = {str(t.get("id")) for t in tables.aot(self.document.doc, "sources") or ()}
        return slug(title, taken, f"source-{len(taken) + 1}")

    def claim_position(self, start: int) -> int | None:
        """Where in ``[[claims]]`` a new claim starting at ``start`` goes: before the first
        claim placed after it, so the file keeps the article's order (None: at the end)."""
        pack = self.pack
        if pack is None:
            return None
        after = {c.id for c in pack.claims if c.anchor.found and c.anchor.start > start}
        for index, table in enumerate(tables.aot(self.document.doc, "claims") or ()):
            if table.get("id") in after:
                return index
        return None

    def line_of_claim(self, claim_id: str) -> int | None:
        """The line of ``pack.toml`` where the claim's quote is written (for an editor)."""
        from reader.pack.positions import PositionIndex

        try:
            index = tables.claim_index(self.document.doc, claim_id)
        except tables.NotFound:
            return None
        found = PositionIndex(self.document.text).locate(("claims", index, "quote"), key=True)
        return found[0] if found is not None else None

    def tables_of(self, problems: list[Problem]) -> list[tuple[str, str] | None]:
        """For each problem of ``pack.toml``, the table it is in: ("claim", id) or
        ("footnote", label); None for other problems (the article's, the file's)."""
        from bisect import bisect_right

        from reader.pack.positions import PositionIndex

        text = self.document.text
        starts: list[tuple[int, tuple[str, str]]] = []
        found_claims = tables.aot(self.document.doc, "claims")
        claims = list(found_claims) if found_claims is not None else []
        for path, offset in PositionIndex(text).keys.items():
            if len(path) != 2:
                continue
            line = text.count("\n", 0, offset) + 1
            if path[0] == "claims" and isinstance(path[1], int) and path[1] < len(claims):
                starts.append((line, ("claim", str(claims[path[1]].get("id")))))
            elif path[0] == "footnotes" and isinstance(path[1], str):
                starts.append((line, ("footnote", path[1])))
        starts.sort()
        lines = [line for line, _table in starts]
        found: list[tuple[str, str] | None] = []
        for problem in problems:
            if problem.line is None or not str(problem.path or "").endswith("pack.toml"):
                found.append(None)
                continue
            at = bisect_right(lines, problem.line) - 1
            found.append(starts[at][1] if at >= 0 else None)
        return found

    # -- the importer's stubs -------------------------------------------------------------------

    def stubs(self) -> list[Claim]:
        """Claims with no verdict yet, in the article's order."""
        pack = self.pack
        if pack is None:
            return []
        return sorted((c for c in pack.claims if c.verdict is None),
                      key=lambda c: c.anchor.start)

    def next_stub(self) -> Claim | None:
        """The next stub not passed over in this review."""
        return next((c for c in self.stubs() if c.id not in self.skipped), None)

    def review_count(self) -> tuple[int, int]:
        """(reviewed, total): stubs given a verdict, deleted or passed over, of those there
        were when the pack was opened (and any added since)."""
        stubs = self.stubs()
        left = sum(1 for c in stubs if c.id not in self.skipped)
        total = max(self._stubs_at_start, len(stubs))
        return total - left, total

"""The ``[[outlets]]`` and ``[[sources]]`` tables: outlets described once, and source cards,
which accounts and footnote cards cite by id.

A card that names an outlet (``outlet = "azernews"``) takes the outlet's name as its publisher,
the outlet's kind, and the outlet's description (who is behind it, where it is based) followed
by the card's own ``perspective``, which then says only what is particular to the item. So an
outlet cited by many cards is described the same way on all of them."""

from __future__ import annotations

__all__ = ["SourceCards", "check_outlets", "check_sources"]

from typing import Any

from reader.model import Source
from reader.pack.checker import (
    Checker,
    did_you_mean,
    duplicate_id,
    entry_label,
    quoted,
    unknown_source,
)
from reader.pack.positions import KeyPath


class SourceCards:
    """The pack's source cards by id, where each one is, and which ones are cited."""

    def __init__(self) -> None:
        self.by_id: dict[str, Source] = {}
        self.paths: dict[str, KeyPath] = {}
        self.cited: set[str] = set()

    def cite(self, checker: Checker, path: KeyPath, label: str, ref: str) -> bool:
        """Whether ``ref`` names a source card (then it counts as used); reported if not."""
        if ref not in self.by_id:
            unknown_source(checker, path, label, ref, self.by_id)
            return False
        self.cited.add(ref)
        return True

    def report_unused(self, checker: Checker) -> None:
        """Warn about each card that no account or footnote card cites."""
        for source_id, path in self.paths.items():
            if source_id not in self.cited:
                checker.warn(
                    path,
                    f'source "{source_id}" is never used by an account or a footnote card',
                    "unused-source",
                )


def check_outlets(checker: Checker, entries: list[Any]) -> dict[str, dict[str, Any]]:
    """The valid outlets by id; an entry with a bad required key or a reused id is skipped."""
    outlets: dict[str, dict[str, Any]] = {}
    paths: dict[str, KeyPath] = {}
    for index, entry in enumerate(entries):
        path: KeyPath = ("outlets", index)
        values = checker.table(entry, "outlet", path, entry_label("outlet", entry, index))
        if values is None or duplicate_id(checker, "outlet", values["id"], path, paths):
            continue
        outlets[values["id"]] = {**values, "path": path}
    return outlets


def _outlet_description(outlet: dict[str, Any]) -> str | None:
    behind, based = outlet.get("behind"), outlet.get("based")
    if behind and based:
        return f"{behind}, based in {based}"
    return behind or (f"based in {based}" if based else None)


def check_sources(
    checker: Checker, entries: list[Any], outlets: dict[str, dict[str, Any]] | None = None
) -> SourceCards:
    """The valid source cards; an entry with a bad required key or a reused id is skipped.
    A card naming an outlet is described by it (see the module's notes)."""
    outlets = outlets or {}
    used: set[str] = set()
    cards = SourceCards()
    for index, entry in enumerate(entries):
        path: KeyPath = ("sources", index)
        label = entry_label("source", entry, index)
        values = checker.table(entry, "source", path, label)
        if values is None or duplicate_id(checker, "source", values["id"], path, cards.paths):
            continue
        publisher, kind = values.get("publisher"), values.get("kind")
        perspective = values.get("perspective")
        outlet_id = values.get("outlet")
        if outlet_id is not None:
            outlet = outlets.get(outlet_id)
            if outlet is None:
                checker.error((*path, "outlet"), f"{label}: no outlet with id "
                              f"{quoted(outlet_id, 40)}{did_you_mean(outlet_id, outlets)}",
                              "unknown-outlet")
                outlet_id = None
            else:
                used.add(outlet_id)
                doubled = [k for k in ("publisher", "kind") if k in values
                           and (k == "publisher" or values[k] == outlet.get("kind"))]
                if doubled:
                    them = "them" if len(doubled) > 1 else "it"
                    checker.warn((*path, doubled[0]),
                                 f"{label}: its outlet {quoted(outlet_id, 40)} gives the "
                                 f"{' and '.join(doubled)}; leave {them} out here, so the "
                                 "outlet is described once", "outlet-twice")
                # an item's own kind (an opinion piece in a newspaper) stands
                publisher, kind = outlet["name"], kind or outlet.get("kind")
                described = _outlet_description(outlet)
                perspective = "; ".join(p for p in (described, perspective) if p) or None
        cards.by_id[values["id"]] = Source(
            values["id"], values["title"], publisher, values.get("date"), values.get("url"),
            kind, perspective, outlet_id,
        )
    _report_outlets_described_twice(checker, cards, outlets)
    for outlet_id, outlet in outlets.items():
        if outlet_id not in used:
            checker.warn(outlet["path"], f'outlet "{outlet_id}" is not named by any source card',
                         "unused-outlet")
    return cards


def _publisher_key(publisher: str) -> str:
    """A publisher's name as compared across cards: case, a leading "The" and a trailing
    "(carried by …)" aside, so that "AFP (carried by X)" and "AFP" are one publisher."""
    name = publisher.casefold().strip()
    if name.endswith(")") and " (" in name:
        name = name[: name.rindex(" (")]
    return name.removeprefix("the ").strip()


def _report_outlets_described_twice(
    checker: Checker, cards: SourceCards, outlets: dict[str, dict[str, Any]]
) -> None:
    """Warn where two cards describe one publisher differently (kind or perspective), or where
    a card writes out the publisher of an outlet instead of naming the outlet."""
    outlet_names = {_publisher_key(o["name"]): o_id for o_id, o in outlets.items()}
    first: dict[str, Source] = {}
    for source_id, card in cards.by_id.items():
        if card.outlet is not None or not card.publisher:
            continue
        key = _publisher_key(card.publisher)
        path = (*cards.paths[source_id], "publisher")
        if key in outlet_names:
            checker.warn(path, f'source "{source_id}": its publisher is the outlet '
                         f'"{outlet_names[key]}"; name it with outlet = "{outlet_names[key]}" '
                         "so the outlet is described once", "describe-outlet-once")
            continue
        other = first.setdefault(key, card)
        if other is card or (other.kind, other.perspective) == (card.kind, card.perspective):
            continue
        differs = "kind" if other.kind != card.kind else "description"
        checker.warn(path, f'source "{source_id}": the publisher {quoted(card.publisher, 60)} '
                     f'has a different {differs} on source "{other.id}"; describe the outlet '
                     "once: add an [[outlets]] entry and name it on both cards with "
                     'outlet = "id"', "describe-outlet-once")

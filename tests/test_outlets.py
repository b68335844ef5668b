"""Outlets described once: ``[[outlets]]`` and ``outlet = "id"`` on source cards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import tomli

from reader.export.plain import render_plain
from reader.importer import import_text, write_pack
from reader.pack.load import load_pack
from reader.panel import source_details

from .test_schema import as_editors_see_it, validator

ARTICLE = ("The river report\n\nThe river rose by two metres in 2021, the council said.[1] "
           "Repairs cost four million euros in 2022.[2]\n\n"
           "Notes\n\n[1] Valley Gazette, 3 May 2021.\n\n[2] Valley Gazette, 9 June 2022.\n")
OUTLETS = '''
[[outlets]]
id = "valley-gazette"
name = "Valley Gazette"
kind = "news"
behind = "a local daily owned by the regional council"
based = "Rivertown"
'''


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    write_pack(import_text(ARTICLE, source_name="t.txt", today=dt.date(2026, 1, 5)), folder)
    path = folder / "pack.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('title = "Valley Gazette, 3 May 2021."',
                        'title = "Flood report"\noutlet = "valley-gazette"\n'
                        'perspective = "quoting the council\'s engineer"')
    text = text.replace('title = "Valley Gazette, 9 June 2022."',
                        'title = "Repair budget"\noutlet = "valley-gazette"')
    text = text.replace("\n[article]", OUTLETS + "\n[article]", 1)
    path.write_text(text, encoding="utf-8")
    return folder


def test_cards_naming_an_outlet_are_described_by_it(pack: Path) -> None:
    result = load_pack(pack)
    assert result.pack is not None and [p.format() for p in result.problems
                                        if p.severity == "error"] == []
    first, second = result.pack.sources["note-1"], result.pack.sources["note-2"]
    assert (first.publisher, first.kind, first.outlet) == ("Valley Gazette", "news",
                                                           "valley-gazette")
    described = "a local daily owned by the regional council, based in Rivertown"
    assert first.perspective == f"{described}; quoting the council's engineer"
    assert second.perspective == described
    assert all(described in " · ".join(source_details(card)) for card in (first, second))
    plain = render_plain(result.pack)
    assert plain.count(described) >= 2


def test_an_unknown_outlet_is_an_error_with_a_suggestion(pack: Path) -> None:
    path = pack / "pack.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'outlet = "valley-gazette"\nperspective', 'outlet = "valley-gazete"\nperspective'),
        encoding="utf-8")
    messages = [p.format() for p in load_pack(pack).problems if p.severity == "error"]
    assert any('no outlet with id "valley-gazete"' in m and 'did you mean "valley-gazette"' in m
               for m in messages), messages


def test_describing_the_outlet_twice_and_an_unused_outlet_are_warned(pack: Path) -> None:
    path = pack / "pack.toml"
    text = path.read_text(encoding="utf-8").replace(
        'title = "Repair budget"\noutlet = "valley-gazette"',
        'title = "Repair budget"\noutlet = "valley-gazette"\npublisher = "The Gazette"')
    text = text.replace("\n[article]", '\n[[outlets]]\nid = "spare"\nname = "Spare"\n'
                        "\n[article]", 1)
    path.write_text(text, encoding="utf-8")
    warnings = [p for p in load_pack(pack).problems if p.severity == "warning"]
    assert any(p.code == "outlet-twice" and "so the outlet is described once" in p.message
               for p in warnings)
    assert any(p.code == "unused-outlet" and '"spare"' in p.message for p in warnings)


def test_an_item_may_have_a_kind_of_its_own_but_not_the_outlets_again(pack: Path) -> None:
    path = pack / "pack.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Repair budget"\noutlet = "valley-gazette"',
                                 'title = "Repair budget"\noutlet = "valley-gazette"\n'
                                 'kind = "opinion"'), encoding="utf-8")
    result = load_pack(pack)
    assert result.pack is not None and result.pack.sources["note-2"].kind == "opinion"
    assert not [p for p in result.problems if p.code == "outlet-twice"]
    path.write_text(text.replace('title = "Repair budget"\noutlet = "valley-gazette"',
                                 'title = "Repair budget"\noutlet = "valley-gazette"\n'
                                 'kind = "news"'), encoding="utf-8")
    assert [p.code for p in load_pack(pack).problems].count("outlet-twice") == 1


def _cards_without_outlets(pack: Path, first: str, second: str) -> list[str]:
    path = pack / "pack.toml"
    text = path.read_text(encoding="utf-8").replace(OUTLETS, "")
    engineer = 'outlet = "valley-gazette"\nperspective = "quoting the council\'s engineer"'
    text = text.replace(engineer, first).replace('outlet = "valley-gazette"', second)
    path.write_text(text, encoding="utf-8")
    return [p.format() for p in load_pack(pack).problems if p.code == "describe-outlet-once"]


def test_one_publisher_described_two_ways_is_warned(pack: Path) -> None:
    same = 'publisher = "Valley Gazette"\nkind = "news"\nperspective = "council-owned daily"'
    assert _cards_without_outlets(pack, same, same) == []


def test_a_different_description_of_one_publisher_is_warned(pack: Path) -> None:
    warnings = _cards_without_outlets(
        pack, 'publisher = "Valley Gazette"\nkind = "news"\nperspective = "council-owned daily"',
        'publisher = "The Valley Gazette (carried by Rivertown Post)"\nkind = "news"\n'
        'perspective = "independent daily"')
    assert len(warnings) == 1
    assert 'source "note-2"' in warnings[0] and 'different description on source "note-1"' \
        in warnings[0] and "describe the outlet once" in warnings[0]
    assert "pack.toml:" in warnings[0]


def test_a_different_kind_of_one_publisher_is_warned(pack: Path) -> None:
    warnings = _cards_without_outlets(pack, 'publisher = "Valley Gazette"\nkind = "news"',
                                      'publisher = "valley gazette"\nkind = "state-media"')
    assert len(warnings) == 1 and "different kind" in warnings[0]


def test_writing_out_an_outlets_publisher_is_warned(pack: Path) -> None:
    path = pack / "pack.toml"
    text = path.read_text(encoding="utf-8").replace(
        'title = "Repair budget"\noutlet = "valley-gazette"',
        'title = "Repair budget"\npublisher = "Valley Gazette"')
    path.write_text(text, encoding="utf-8")
    warnings = [p.message for p in load_pack(pack).problems if p.code == "describe-outlet-once"]
    assert warnings == ['source "note-2": its publisher is the outlet "valley-gazette"; name it '
                        'with outlet = "valley-gazette" so the outlet is described once']


def test_the_schema_knows_outlets(pack: Path) -> None:
    data = as_editors_see_it(tomli.loads((pack / "pack.toml").read_text(encoding="utf-8")))
    assert list(validator().iter_errors(data)) == []
    data["outlets"][0]["kind"] = "tabloid"
    assert list(validator().iter_errors(data))

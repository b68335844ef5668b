"""Messages a teacher can act on, for the slips met when packs are written by hand; and the
options that put the importer's stubs aside (`check --skip-stubs`, `import --stubs`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.importer import import_text, write_pack
from reader.pack.load import load_pack

ARTICLE = ("A title\n\nThe river rose by two metres in 2021, the council said.[1] "
           "Another sentence says 40 people died. It rained all week.\n\n"
           "Notes\n\n[1] Valley Council, flood report, 2021.\n")


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    write_pack(import_text(ARTICLE, source_name="t.txt"), folder)
    return folder


def messages(folder: Path) -> list[str]:
    return [p.format() for p in load_pack(folder).problems if p.severity == "error"]


def edit(folder: Path, old: str, new: str) -> None:
    path = folder / "pack.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(folder: Path, text: str) -> None:
    with (folder / "pack.toml").open("a", encoding="utf-8") as file:
        file.write(text)


def test_a_partial_date_is_named_with_the_fix(pack: Path) -> None:
    edit(pack, "# published = 2023-10-05", "published = 2024-01")
    [message] = messages(pack)
    assert "2024-01 is not a whole date" in message and "YYYY-MM-DD" in message
    assert "Expected newline" not in message
    line = (pack / "pack.toml").read_text(encoding="utf-8").splitlines().index(
        "published = 2024-01") + 1
    assert f"pack.toml:{line}:" in message


def test_a_quote_mark_inside_a_string_is_named_with_the_fix(pack: Path) -> None:
    edit(pack, 'title = "Valley Council, flood report, 2021."',
         'title = "Valley Council, "flood" report, 2021."')
    [message] = messages(pack)
    assert 'a " inside the text ends the string early' in message and '\\"' in message


def test_a_missing_closing_quote_is_named(pack: Path) -> None:
    edit(pack, 'title = "Valley Council, flood report, 2021."',
         'title = "Valley Council, flood report, 2021.')
    [message] = messages(pack)
    assert "closing quote missing" in message


def test_a_claims_key_under_its_accounts_says_to_move_it(pack: Path) -> None:
    append(pack, '\n[[claims.accounts]]\nsource = "note-1"\nstance = "context"\nsays = "x"\n'
                 'verdict = "supported"\n')
    [message] = messages(pack)
    assert 'unknown key "verdict"' in message
    assert "belongs to the claim" in message and "move it above" in message


def test_a_misspelt_table_header_gets_a_line_and_a_suggestion(pack: Path) -> None:
    append(pack, '\n[[claim.accounts]]\nsource = "note-1"\nstance = "context"\nsays = "x"\n')
    [message] = messages(pack)
    line = (pack / "pack.toml").read_text(encoding="utf-8").splitlines().index(
        "[[claim.accounts]]") + 1
    assert f"pack.toml:{line}:" in message
    assert 'did you mean "claims"' in message


def test_a_quote_one_letter_off_shows_the_word_that_differs(pack: Path) -> None:
    edit(pack, 'quote = "Another sentence says 40 people died."',
         'quote = "sentence says 40 peeple died"')
    [message] = messages(pack)
    assert "the quote has «peeple» where the article has «people»" in message


def test_the_stance_as_the_panel_shows_it_says_how_to_write_it(pack: Path) -> None:
    append(pack, '\n[[claims.accounts]]\nsource = "note-1"\nstance = "adds context"\n'
                 'says = "x"\n')
    [message] = messages(pack)
    assert 'in pack.toml it is written "context"' in message


def test_check_can_leave_the_stubs_out(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(pack)]) == 0
    every = capsys.readouterr().out
    assert "not reviewed yet" in every
    assert main(["check", str(pack), "--skip-stubs"]) == 0
    skipped = capsys.readouterr().out
    assert "not reviewed yet (no" not in skipped
    stubs = every.count("not reviewed yet (no")
    assert stubs >= 2 and f"{stubs} claim(s) not reviewed yet, not listed" in skipped
    assert main(["check", str(pack), "--skip-stubs", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["packs"][0]["stubs_not_listed"] == stubs


@pytest.mark.parametrize(("stubs", "expected"), [("all", 2), ("footnoted", 1), ("none", 0)])
def test_import_makes_as_many_stubs_as_asked(tmp_path: Path, stubs: str, expected: int) -> None:
    raw = tmp_path / "t.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    assert main(["import", str(raw), "--out", str(tmp_path / "p"), "--stubs", stubs]) == 0
    loaded = load_pack(tmp_path / "p").pack
    assert loaded is not None and len(loaded.claims) == expected

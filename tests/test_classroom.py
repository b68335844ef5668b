"""The class debrief and the library listing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.classroom import class_report, read_handed_in, report_markdown
from reader.cli import main
from reader.notes import Guess, NotesFile
from reader.pack.load import load_pack

from .conftest import BUNDLED, FIXTURES


def hand_in(folder: Path, name: str, guesses: dict[str, str], title: str) -> Path:
    notes = NotesFile("river", title, student=name)
    for claim, verdict in guesses.items():
        notes.put_guess(Guess(claim, verdict, "medium", "because"))
    path = folder / f"{name.lower()}.toml"
    path.write_bytes(notes.to_bytes())
    return path


def test_class_report(tmp_path: Path) -> None:
    pack = load_pack(FIXTURES / "river").pack
    assert pack is not None
    title = pack.meta.title
    files = [
        hand_in(
            tmp_path, "Ana", {"highest-in-100-years": "false", "walls-by-2026": "opinion"}, title
        ),
        hand_in(tmp_path, "Ben", {"highest-in-100-years": "supported"}, title),
        hand_in(
            tmp_path,
            "Cai",
            {"highest-in-100-years": "false", "walls-by-2026": "unverifiable"},
            title,
        ),
        hand_in(tmp_path, "Dee", {"highest-in-100-years": "false"}, "Another article"),
    ]
    broken = tmp_path / "broken.toml"
    broken.write_text("not [ toml", encoding="utf-8")
    works, problems = read_handed_in([*files, broken])
    report = class_report(pack, works, problems)
    assert [w.name for w in report.students] == ["Ana", "Ben", "Cai"]
    first, second = report.claims
    assert first.split == {"false": 2, "supported": 1} and first.agreed == 2
    assert second.split == {"opinion": 1, "unverifiable": 1} and second.agreed == 1
    assert report.unfinished == [("Ben", 1)]
    assert [line.claim_id for line in report.most_missed()] == [
        "walls-by-2026",
        "highest-in-100-years",
    ]
    assert any("broken.toml" in p for p in report.problems)
    assert any("Another article" in p for p in report.problems)
    markdown = report_markdown(report, pack)
    assert "| C1 | False | False 2, Supported 1 | 2 of 3 |" in markdown
    # Reasons, without names unless asked.
    assert "- (False, medium confidence) because" in markdown and "Ana" not in markdown.split(
        "## The class's reasons")[1].split("## Not finished")[0]
    named = report_markdown(report, pack, names=True)
    assert "- (Ana, False, medium confidence) because" in named
    assert "- Ben: 1 claim(s) not yet guessed" in markdown
    assert "Notes files from 3 students." in markdown


def test_a_claim_everyone_got_right_is_not_most_missed(tmp_path: Path) -> None:
    pack = load_pack(FIXTURES / "river").pack
    assert pack is not None
    files = [hand_in(tmp_path, name, {"highest-in-100-years": "false"}, pack.meta.title)
             for name in ("Ana", "Ben")]
    report = class_report(pack, *read_handed_in(files))
    assert report.claims[0].agreed == 2 and report.most_missed() == []
    assert "No claim was missed" in report_markdown(report, pack)


def test_class_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = load_pack(FIXTURES / "river").pack
    assert pack is not None
    ana = hand_in(tmp_path, "Ana", {"highest-in-100-years": "false"}, pack.meta.title)
    assert main(["class", str(FIXTURES / "river"), str(ana)]) == 0
    out = capsys.readouterr().out
    assert "River levels in 2024: 1 student\n" in out and "Not finished: Ana (1 left)" in out
    assert "none: every guess agreed with the reviewer" in out
    report = tmp_path / "debrief.md"
    assert main(["class", str(FIXTURES / "river"), str(ana), "-o", str(report)]) == 0
    assert report.read_text(encoding="utf-8").startswith("# Class debrief: River levels")


def test_list_shows_bundled_and_own_packs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    data = tmp_path / "data"
    monkeypatch.setenv("LATERAL_DATA_DIR", str(data))
    shutil.copytree(FIXTURES / "river", data / "packs" / "river")
    assert main(["list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    titles = [e["title"] for e in entries]
    assert titles[0] == "Closing the circle: starting from scratch"
    assert "River levels in 2024" in titles and "How to read with lateral" in titles
    river = next(e for e in entries if e["title"] == "River levels in 2024")
    assert river == {
        "folder": str(data / "packs" / "river"),
        "title": "River levels in 2024",
        "claims": 2,
        "bundled": False,
        "recent": False,
        "progress": None,
        "guesses": 0,
        "notes": 0,
        "problem": None,
    }
    assert main(["list"]) == 0
    assert "65 claims · not opened" in capsys.readouterr().out
    assert BUNDLED.exists()


def test_class_finds_the_pack_by_name_or_from_the_notes_and_reads_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    data = tmp_path / "data"
    monkeypatch.setenv("LATERAL_DATA_DIR", str(data))
    shutil.copytree(FIXTURES / "river", data / "packs" / "river")
    handed = tmp_path / "handed-in"
    handed.mkdir()
    hand_in(handed, "Ana", {"highest-in-100-years": "false"}, "River levels in 2024")
    hand_in(handed, "Ben", {"highest-in-100-years": "supported"}, "River levels in 2024")
    # By the name `lateral list` shows, with a folder of hand-ins.
    assert main(["class", "river", str(handed)]) == 0
    out = capsys.readouterr().out
    assert "River levels in 2024: 2 students" in out
    assert "C1     False" in out  # the verdict's label, not its id
    assert "Reasons given:" in out and "(False, medium confidence) because" in out
    assert "Ana" not in out.split("Reasons given:")[1]
    # By title, and with no pack at all: the notes files name it.
    assert main(["class", "River levels in 2024", str(handed)]) == 0
    assert main(["class", str(handed)]) == 0
    assert "River levels in 2024: 2 students" in capsys.readouterr().out


def test_class_with_nothing_to_read_or_the_wrong_pack_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["class", str(FIXTURES / "river"), str(empty)]) == 1
    assert "no handed-in work" in capsys.readouterr().err
    other = hand_in(tmp_path, "Dee", {"highest-in-100-years": "false"}, "Another article")
    assert main(["class", str(FIXTURES / "river"), str(other)]) == 1
    err = capsys.readouterr().err
    assert "Another article" in err and "no handed-in work" in err


def test_the_debrief_leaves_out_unguessed_claims_and_cuts_quotes_at_words(
    tmp_path: Path,
) -> None:
    from reader.classroom import short_quote

    pack = load_pack(BUNDLED).pack
    assert pack is not None
    first = pack.claims[0]
    ana = hand_in(tmp_path, "Ana", {first.id: "false"}, pack.meta.title)
    report = class_report(pack, *read_handed_in([ana]))
    markdown = report_markdown(report, pack)
    assert markdown.count("no guesses") == 0
    assert f"Claims nobody guessed ({len(pack.claims) - 1}) are left out." in markdown
    assert report_markdown(report, pack, every_claim=True).count("no guesses") == len(
        pack.claims) - 1
    cut = short_quote("neither the one nor the other, whatever anyone says", 30)
    assert cut == "neither the one nor the other…"


async def test_a_pack_opened_by_path_is_in_the_librarys_recent_list(tmp_path: Path) -> None:
    import shutil

    from reader.library import library
    from reader.state import load_state
    from reader.ui.app import make_app

    folder = tmp_path / "somewhere" / "river"
    shutil.copytree(FIXTURES / "river", folder)
    pack = load_pack(folder).pack
    assert pack is not None
    app = make_app(pack, state_dir=tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
    state = load_state(tmp_path / "data")
    assert state.recent == [str(folder)]
    entries = library(state, tmp_path / "data")
    river = [e for e in entries if e.title == "River levels in 2024"]
    assert len(river) == 1 and river[0].recent and river[0].folder == folder

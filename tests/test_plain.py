"""``lateral --plain``: linear text for screen readers and pipes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.cli import main
from reader.export.plain import render_plain
from reader.pack.load import load_pack

from .conftest import BUNDLED, CORPUS, FIXTURES

BOX_DRAWING = re.compile("[\u2500-\u257f\u2580-\u259f]")


def plain(path: Path) -> str:
    pack = load_pack(path).pack
    assert pack is not None
    return render_plain(pack)


def test_plain_has_claim_and_footnote_markers_and_panels() -> None:
    text = plain(BUNDLED)
    assert "[C1]" in text and "[3]" in text
    article, checks = text.split("\nFACT CHECKS\n")
    assert article.count("[C") == 65
    assert "[C7] “Close to one fifth" in checks
    assert "Verdict:\n  ⇄ Disputed" in checks
    assert "Accounts (3):" in checks and "Reviewer notes:" in checks
    assert "Discussion questions:" in checks


def test_plain_output_is_stable_and_has_no_terminal_control() -> None:
    first, second = plain(BUNDLED), plain(BUNDLED)
    assert first == second
    assert not BOX_DRAWING.search(first)
    assert "\x1b" not in plain(FIXTURES / "hostile")
    assert "[@click=app.quit]click me[/]" in plain(FIXTURES / "hostile")


def test_claim_markers_follow_their_quotes(river: Path) -> None:
    text = plain(river)
    assert "the highest level in 100 years[C1], the town council said.[1]" in text
    assert "new flood walls by 2026[C2].[^walls]" in text


def test_cli_plain_prints_and_exits_zero(river: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--plain", str(river)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("River levels in 2024\n")
    assert "\x1b" not in out


def test_cli_plain_raw_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "notes.md"
    raw.write_text("# My article\n\nA claim.[1] Another.\n\n[1] A source.\n", encoding="utf-8")
    assert main(["--plain", str(raw)]) == 0
    out = capsys.readouterr().out
    assert "A claim.[1] Another." in out and "0 claims checked · 1 notes" in out


def test_reader_refuses_bad_paths_with_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'missing'}: error: no such file or folder\n"
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    assert main([str(picture)]) == 1
    assert "expected a pack folder, a pack.toml, or a .txt/.md article" in capsys.readouterr().err
    # A pack with errors still shows its article; the problems go to stderr.
    assert main(["--plain", str(CORPUS / "bad" / "quote-ambiguous")]) == 1
    out, err = capsys.readouterr()
    assert "quote matches 2 places" in err and "Traceback" not in err
    assert "quote matches" not in out and out.strip()
    # A pack whose article cannot be read at all is refused.
    assert main(["--plain", str(CORPUS / "bad" / "article-binary")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err and "error:" in err

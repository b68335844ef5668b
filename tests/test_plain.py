"""``lateral --plain``: linear text for screen readers and pipes."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
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
    assert article.count("[C") == 65 + 1  # and the legend's example
    assert "[C7] “Close to one fifth" in checks
    assert "Verdict:\n  Disputed\n" in checks
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
    assert "A claim.[1] Another." in out and "0 claims checked, 1 footnote," in out


def test_reader_refuses_bad_paths_with_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'missing'}: error: no such file or folder\n"
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    assert main([str(picture)]) == 1
    assert "or an article (.txt, .md or a saved .html page)" in capsys.readouterr().err
    # A pack with errors still shows its article; the problems go to stderr.
    assert main(["--plain", str(CORPUS / "bad" / "quote-ambiguous")]) == 1
    out, err = capsys.readouterr()
    assert "quote matches 2 places" in err and "Traceback" not in err
    assert "quote matches" not in out and out.strip()
    # A pack whose article cannot be read at all is refused.
    assert main(["--plain", str(CORPUS / "bad" / "article-binary")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err and "error:" in err


def _lateral(stdout: int, term: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, TERM=term)
    env.pop("TEXTUAL_DRIVER", None)
    return subprocess.Popen(
        [sys.executable, "-m", "reader", str(BUNDLED)],
        stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE, env=env,
    )


def test_piped_lateral_prints_the_plain_text_instead_of_escape_codes() -> None:
    process = _lateral(subprocess.PIPE, "xterm-256color")
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert out.decode("utf-8") == plain(BUNDLED)
    assert b"\x1b" not in err


def test_a_dumb_terminal_gets_the_plain_text() -> None:
    main_fd, child_fd = pty.openpty()
    process = _lateral(child_fd, "dumb")
    os.close(child_fd)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    assert process.wait(timeout=120) == 0
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    assert "\x1b" not in shown
    assert shown == plain(BUNDLED)


def test_plain_starts_with_a_legend_and_reads_well_aloud() -> None:
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    text = render_plain(pack)
    head = text.split("\n\nClosing the circle", 1)[0]
    assert "[C7]" in head and "[3]" in head and "footnote" in head
    for verdict in pack.scale.verdicts:
        assert f"\n  {verdict.label}: " in head
    _, checks = text.split("\nFACT CHECKS\n")
    # Each claim's id once; the stance labelled; no glyphs, bullets or separating dots.
    for claim in pack.claims:
        assert checks.count(f"id: {claim.id}\n") == 1
    assert "\n  Stance: supports\n" in checks and "\n  Stance: disputes the framing\n" in checks
    glyphs = [v.glyph for v in pack.scale.verdicts if not v.glyph.isascii()]
    assert len(glyphs) >= 5
    for symbol in [*glyphs, "•", " · "]:
        assert symbol not in checks, symbol
    assert "[1] in the article's notes" not in text and "[1] in the article's footnotes" in text
    assert "\n  1. " in checks  # the discussion questions, numbered


def test_plain_with_the_students_work_and_in_a_quiz() -> None:
    from reader.notes import Guess, StudentNote

    pack = load_pack(BUNDLED).pack
    assert pack is not None
    first, second = pack.claims[0], pack.claims[1]
    verdict = pack.scale.get(first.verdict)
    other = pack.scale.get(second.verdict)
    assert verdict is not None and other is not None
    guesses = {first.id: Guess(first.id, "false", "low", "two wars seems too few")}
    note = StudentNote("n1", first.quote, "Check the 2016 fighting.")
    text = render_plain(pack, guesses=guesses, notes=[note], quiz=True)
    _, checks = text.split("\nFACT CHECKS\n")
    block_one, rest = checks.split("\n[C2] ", 1)
    block_two = rest.split("\n[C3] ")[0]
    assert "Your guess:\n  False, low confidence\n" in block_one
    assert "  Your reason: two wars seems too few" in block_one
    assert f"Verdict:\n  {verdict.label}\n" in block_one  # guessed: revealed
    assert other.label not in block_two and "Accounts" not in block_two  # not guessed: hidden
    assert "stay hidden until you record your guess" in block_two
    assert "lateral --plain --interactive" in block_two
    assert text.rstrip().endswith("Check the 2016 fighting.")
    assert "MY NOTES" in text
    # Without the quiz, every verdict shows; without notes, no notes section.
    assert f"Verdict:\n  {other.label}\n" in render_plain(pack, guesses=guesses)
    assert "MY NOTES" not in render_plain(pack, guesses=guesses)


def test_cli_plain_quiz_and_notes_read_the_students_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.notes import Guess
    from reader.work import StudentWork

    monkeypatch.setenv("LATERAL_DATA_DIR", str(tmp_path))
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    claim = pack.claims[0]
    work, _ = StudentWork.open(pack)
    work.put_guess(Guess(claim.id, claim.verdict or "", "high", "the dates match"))
    assert main(["--plain", "--quiz", "--notes", str(BUNDLED)]) == 0
    out = capsys.readouterr().out
    assert "Your reason: the dates match" in out and "MY NOTES" in out
    assert out.count("stay hidden until you record your guess") == len(pack.claims) - 1
    assert main(["--plain", str(BUNDLED)]) == 0
    out = capsys.readouterr().out
    assert "Your reason" not in out and "stay hidden" not in out

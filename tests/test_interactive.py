"""``lateral --plain --interactive``: the whole exercise through a pipe, one line at a time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tomli

from reader.interactive import parse_guess
from reader.pack.load import load_pack

from .conftest import BUNDLED


def drive(commands: list[str], data: Path, *options: str) -> str:
    env = dict(os.environ, LATERAL_DATA_DIR=str(data))
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--plain", "--interactive", *options, str(BUNDLED)],
        input="\n".join(commands) + "\n", capture_output=True, text=True, env=env,
        timeout=120, cwd=data,
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    return done.stdout


def test_moving_reading_the_panel_and_searching(tmp_path: Path) -> None:
    out = drive(["]", "panel", "2", "claim 7", "where", "/ genocide", "p", "help", "q"],
                tmp_path)
    assert "Sentence 7 of 96; claim C1 of 65." in out
    assert "1: Claim C1\n2: Accounts (3)" in out  # the panel's parts, one a line
    assert "Accounts (3):\n  Peace Agreements Database" in out and "Stance: supports" in out
    assert "claims C7–C9 of 65." in out
    assert "Match 1 of 1." in out and "second genocide" in out
    assert "guess V C WHY" in out  # the help
    assert out.rstrip().endswith("Goodbye. Your notes and guesses are saved.")


def test_a_quiz_hides_the_verdict_until_the_guess_then_shows_it(tmp_path: Path) -> None:
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    first = pack.claims[0]
    verdict = pack.scale.get(first.verdict)
    assert verdict is not None
    out = drive(["]", "1", "guess", "guess sure high x", "guess 2 sometimes why",
                 "guess 2 high the count leaves out 2016", "summary", "q"], tmp_path, "--quiz")
    before, after = out.split("Guess saved for claim C1.")
    assert verdict.label + "\n" not in before.split("Your guess on claim C1.")[0]
    assert "stay hidden until you record your guess" in before
    assert "“sure” is not a verdict" in before and "low, medium or high" in before
    assert "Your guess:\n  Needs context, high confidence" in after
    assert f"Claim C1:\n  {verdict.label}\n" in after
    assert "You guessed 1 of 65 claims." in after and "Too few guesses yet" in after
    # Saved where the full-screen reader keeps the student's work.
    saved = list((tmp_path / "notes").glob("*.toml"))
    assert len(saved) == 1
    guesses = tomli.loads(saved[0].read_text("utf-8"))["guesses"]
    assert guesses[0]["claim"] == first.id and guesses[0]["reason"].endswith("2016")


def test_notes_and_handing_in(tmp_path: Path) -> None:
    out = drive(["]", "note check who counts the wars", "note check the 2016 fighting",
                 "notes", "hand in Ana Lopez", "q"], tmp_path)
    assert "Note saved." in out and "Note changed." in out
    assert ": check the 2016 fighting" in out and "who counts" not in out.split("Note changed.")[1]
    handed = [p for p in tmp_path.glob("*.toml")]
    assert len(handed) == 1 and "Handed in as " + handed[0].name in out
    assert 'student = "Ana Lopez"' in handed[0].read_text("utf-8")


def test_guesses_are_read_by_number_or_name() -> None:
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    assert parse_guess(pack, "2 high the dates") == ("needs-context", "high", "the dates")
    assert parse_guess(pack, "needs context low because") == ("needs-context", "low", "because")
    assert parse_guess(pack, "False medium wrong year") == ("false", "medium", "wrong year")
    assert isinstance(parse_guess(pack, "9 high x y z"), str)
    assert isinstance(parse_guess(pack, "2 high"), str)

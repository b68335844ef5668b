"""The command line: exit codes, output, and what it imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

from .conftest import BUNDLED, CORPUS, RAW_ARTICLE, ROOT


def test_check_clean_pack_exits_zero(river: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(river)]) == 0
    out = capsys.readouterr().out
    assert (
        "2 claims, 3 accounts, 3 sources, 2 of 2 footnotes carded; 0 error(s), 0 warning(s)" in out
    )


def test_check_errors_exit_one_with_positions(capsys: pytest.CaptureFixture[str]) -> None:
    case = CORPUS / "bad" / "quote-ambiguous"
    assert main(["check", str(case)]) == 1
    out = capsys.readouterr().out
    assert f'{case}/pack.toml:19:9: error: claim "river-rose": quote matches 2 places' in out


def test_check_several_packs_reports_all(river: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = CORPUS / "bad" / "stance-invalid"
    assert main(["check", str(river), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "1 error(s)" in out


def test_check_json(river: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = CORPUS / "bad" / "verdict-not-on-scale"
    assert main(["check", "--json", str(river), str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    first, second = report["packs"]
    assert first["ok"] is True and first["problems"] == []
    assert second["ok"] is False
    (problem,) = second["problems"]
    assert problem["line"] == 20 and problem["column"] == 11
    assert problem["severity"] == "error" and problem["code"] == "bad-verdict"


def test_check_without_arguments_checks_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["check", "--quiet"])
    assert status in (0, 1)
    assert main(["check", str(BUNDLED)]) == status


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-such-option"]) == 2
    assert main(["import"]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("lateral-reader ")


def test_import_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack"
    assert main(["import", str(RAW_ARTICLE), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "paragraphs   26" in text
    assert "notes        17 (numbered list ([1] …); continued over a blank line: [2])" in text
    assert main(["check", str(out)]) == 0
    checked = capsys.readouterr().out
    assert " 0 error(s)" in checked and ": error:" not in checked


def test_import_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pack"
    assert main(["import", str(RAW_ARTICLE), "--out", str(out)]) == 0
    (out / "pack.toml").write_text("# my edits\n", encoding="utf-8")
    assert main(["import", str(RAW_ARTICLE), "--out", str(out)]) == 1
    assert "already exists; use --force" in capsys.readouterr().err
    assert (out / "pack.toml").read_text(encoding="utf-8") == "# my edits\n"
    assert main(["import", str(RAW_ARTICLE), "--out", str(out), "--force"]) == 0
    assert (out / "pack.toml").read_text(encoding="utf-8") != "# my edits\n"


def test_import_bad_input_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["import", str(binary), "--out", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == f"{binary}: error: this looks like a binary file, not text\n"


def test_control_characters_in_paths_are_shown_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weird = tmp_path / "evil\x1b[2J[bold]"
    assert main(["check", str(weird)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "␛[2J[bold]" in out


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd="/", check=False
    )


def test_check_and_import_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        f"main(['check', {str(BUNDLED)!r}, '--quiet'])\n"
        f"main(['import', {str(RAW_ARTICLE)!r}, '--out', {str(tmp_path / 'p')!r}])\n"
        "assert 'textual' not in sys.modules\n"
    )
    result = _run_python(code)
    assert result.returncode == 0, result.stderr


def test_python_dash_m_reader_runs() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"],
        capture_output=True,
        text=True,
        env=env,
        cwd="/",
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("lateral-reader")

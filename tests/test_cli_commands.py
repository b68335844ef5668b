"""The command table: every command is found, loaded only when it runs, and fails cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import COMMANDS, main
from reader.cli.common import CommandFailed, load_pack_or_fail

from .conftest import CORPUS, ROOT

BAD_PACK = CORPUS / "bad" / "quote-ambiguous"
COMMAND_MODULES = sorted({command.module for command in COMMANDS.values()})


def test_the_table_holds_every_command_in_help_order() -> None:
    assert tuple(COMMANDS) == (
        "check",
        "import",
        "author",
        "export",
        "list",
        "class",
        "serve",
        "kit",
        "install-pack",
        "schema",
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_loads_its_parser_and_runner(name: str) -> None:
    build_parser, run = COMMANDS[name].load()
    assert build_parser().prog == f"lateral {name}"
    assert callable(run)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_its_own_help(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    assert capsys.readouterr().out.startswith(f"usage: lateral {name} ")


def test_help_lists_the_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    assert main(["--help"]) == 0
    assert "Other commands: " + ", ".join(COMMANDS) + " (run" in capsys.readouterr().out


def test_an_unknown_first_word_is_a_path_for_the_reader(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["chek"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "chek" in captured.err


def test_a_command_word_after_an_option_is_a_path_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--plain", "check"]) == 1
    assert "check" in capsys.readouterr().err


def test_a_usable_pack_is_loaded(river: Path) -> None:
    assert load_pack_or_fail(river).claims


def test_a_pack_with_errors_fails_the_command_after_saying_why(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(CommandFailed) as failed:
        load_pack_or_fail(BAD_PACK)
    assert failed.value.status == 1
    assert 'error: claim "river-rose": quote matches 2 places' in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["export", str(BAD_PACK), "--format", "markdown"],
        ["class", str(BAD_PACK), "notes.toml"],
        ["import", "--notes-for", str(BAD_PACK), "annotations.json"],
    ],
)
def test_commands_that_need_a_pack_exit_one_when_it_has_errors(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "quote matches 2 places" in captured.err


def _modules_after(argv: list[str]) -> set[str]:
    """The ``reader.cli`` modules imported by running ``lateral ARGV`` in a fresh interpreter."""
    code = (
        "import os, sys\n"
        "from reader.cli import main\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        f"main({argv!r})\n"
        "print(' '.join(m for m in sys.modules if m.startswith('reader.cli.')), "
        "file=sys.__stdout__)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        cwd="/",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_version_imports_no_command() -> None:
    loaded = _modules_after(["--version"])
    assert "reader.cli.common" in loaded  # (the listing works)
    assert not loaded & {*COMMAND_MODULES, "reader.cli.read"}


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _modules_after(["list", "--json"])
    assert loaded & set(COMMAND_MODULES) == {"reader.cli.packs"}
    assert "reader.cli.read" not in loaded

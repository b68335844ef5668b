"""The core never imports Textual: every module outside ``reader.ui``, each in a fresh interpreter.

Commands such as ``check``, ``import`` and ``export`` must not pay for Textual's import, and the
core must stay usable without it. Each module is imported on its own in a new process, so one
module cannot hide another's import, and a failure names the module.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys

import pytest

import reader

from .conftest import ROOT


def _core_modules() -> list[str]:
    """Every module of the package except ``reader.ui`` and its submodules.

    ``walk_packages`` imports each package it finds in order to look inside it (``reader.ui``
    included, whose ``__init__`` imports nothing); the modules themselves are imported only in
    the subprocesses below. ``reader.__main__`` is included: its call to the CLI is guarded by
    ``if __name__ == "__main__"``, so importing it does not run anything.
    """
    return sorted(
        info.name
        for info in pkgutil.walk_packages(reader.__path__, prefix="reader.")
        if info.name != "reader.ui" and not info.name.startswith("reader.ui.")
    )


CORE_MODULES = _core_modules()


def _modules_on_disk() -> set[str]:
    """The same set found independently, from the ``.py`` files under ``reader/``."""
    package = ROOT / "reader"
    names: set[str] = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if name != "reader" and name != "reader.ui" and not name.startswith("reader.ui."):
            names.add(name)
    return names


def test_the_walk_finds_every_core_module() -> None:
    assert len(CORE_MODULES) >= 30
    assert {"reader.cli", "reader.model", "reader.pack.load", "reader.text.article"} <= set(
        CORE_MODULES
    )
    assert set(CORE_MODULES) == _modules_on_disk()


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "assert not bad, bad\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd="/", check=False
    )
    assert result.returncode == 0, result.stderr

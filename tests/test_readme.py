"""The README's promises: the two commands first, and a key table that matches the app."""

from __future__ import annotations

from reader.ui.keys import KEYS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    block = README.split("```", 2)[1]
    assert "pip install . && lateral" in block
    assert "pip install -e '.[test]' && pytest" in block


def test_key_table_matches_the_bindings() -> None:
    for key in KEYS:
        keys = " ".join(f"`{shown}`" for shown in key.shown.split("  "))
        assert f"| {keys} | {key.description} |" in README, key.action

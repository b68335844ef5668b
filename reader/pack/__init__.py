"""Packs: loading, validation and anchoring of claims to the article text."""

from __future__ import annotations

__all__ = ["find_pack_file"]

from pathlib import Path


def find_pack_file(path: Path) -> Path:
    """``path`` itself if it is a file, else ``path/pack.toml``."""
    return path / "pack.toml" if path.is_dir() else path

"""Where the bundled packs live, whether installed from a wheel or run from a checkout."""

from __future__ import annotations

__all__ = ["bundled_packs", "data_root", "default_pack"]

from pathlib import Path

DEFAULT_PACK = "closing-the-circle"


def data_root() -> Path:
    """The ``data`` folder: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    if (installed / "articles").is_dir():
        return installed
    return here.parent / "data"


def bundled_packs() -> list[Path]:
    """Folders of the bundled packs, the default one first."""
    articles = data_root() / "articles"
    if not articles.is_dir():
        return []
    found = sorted(p for p in articles.iterdir() if (p / "pack.toml").is_file())
    found.sort(key=lambda p: p.name != DEFAULT_PACK)
    return found


def default_pack() -> Path:
    return data_root() / "articles" / DEFAULT_PACK

"""Where the reader keeps things: the user's data folder, and the cache of checked packs.

The data folder is ``platformdirs.user_data_dir("lateral-reader")``, or ``$LATERAL_DATA_DIR``
when set; it holds the student's notes, the reading positions, and the debug log.
"""

from __future__ import annotations

__all__ = ["cache_dir", "data_dir"]

from pathlib import Path

from reader.environment import getenv


def data_dir() -> Path:
    override = getenv("LATERAL_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("lateral-reader", appauthor=False))


def cache_dir(data_folder: Path | None = None) -> Path:
    """Where packs already loaded are kept (see :mod:`reader.pack.cache`): nothing in it is
    the user's work, and deleting it only makes the next start-up slower. With a data
    folder given (or ``$LATERAL_DATA_DIR``), its ``cache`` subfolder."""
    override = getenv("LATERAL_DATA_DIR")
    if data_folder is None and override:
        data_folder = Path(override).expanduser()
    if data_folder is not None:
        return data_folder / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("lateral-reader", appauthor=False))

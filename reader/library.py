"""The library: the bundled packs and those the user copied into their packs folder."""

from __future__ import annotations

__all__ = ["LibraryEntry", "find_pack", "library", "packs_folder", "packs_in", "with_title"]

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import tomli

from reader.resources import bundled_packs
from reader.state import ReaderState
from reader.storage import data_dir, pack_key

MAX_PACK_BYTES_FOR_LISTING = 5 * 1024 * 1024


class LibraryEntry(NamedTuple):
    folder: Path
    title: str
    claims: int
    bundled: bool
    progress: int | None  # percent of the article read, if it was opened before
    guesses: int  # claims the student has guessed
    notes: int  # notes the student has written
    problem: str | None = None  # why the pack cannot be listed properly
    recent: bool = False  # opened from its own folder, not installed


def packs_folder(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / "packs"


def _user_packs(folder: Path | None) -> list[Path]:
    return packs_in(packs_folder(folder))


def packs_in(root: Path) -> list[Path]:
    """The pack folders directly in ``root`` (those with a pack.toml), sorted."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "pack.toml").is_file())


def with_title(folders: Iterable[Path], title: str) -> Path | None:
    """The first of the pack ``folders`` whose title is ``title`` (case and spaces aside)."""
    wanted = title.strip().casefold()
    for pack_folder in folders:
        if _summary(pack_folder)[0].strip().casefold() == wanted:
            return pack_folder
    return None


def find_pack(name: str, folder: Path | None = None) -> Path | None:
    """The folder of the installed or bundled pack called ``name``, as ``lateral list``
    shows it: its folder's name, or its title (case aside); None if there is none."""
    wanted = name.strip().casefold()
    for pack_folder in (*bundled_packs(), *_user_packs(folder)):
        if pack_folder.name.casefold() == wanted:
            return pack_folder
    return with_title((*bundled_packs(), *_user_packs(folder)), name)


def _summary(folder: Path) -> tuple[str, int, str | None, str | None]:
    """Title, claim count, article file name and a problem, read from pack.toml alone."""
    pack_file = folder / "pack.toml"
    try:
        if pack_file.stat().st_size > MAX_PACK_BYTES_FOR_LISTING:
            return folder.name, 0, None, "pack.toml is too large"
        data = tomli.loads(pack_file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError) as exc:
        return folder.name, 0, None, f"cannot read pack.toml ({exc})"
    article_table = data.get("article")
    article: dict[str, object] = article_table if isinstance(article_table, dict) else {}
    title = article.get("title")
    claims = data.get("claims", [])
    count = len(claims) if isinstance(claims, list) else 0
    file_name = article.get("file")
    return (
        title if isinstance(title, str) else folder.name,
        count,
        file_name if isinstance(file_name, str) else None,
        None,
    )


def library(state: ReaderState, folder: Path | None = None) -> list[LibraryEntry]:
    """Every pack the reader can offer, with the student's progress in each."""
    from reader.notes import NotesStore

    entries: list[LibraryEntry] = []
    seen: set[Path] = set()
    recent = [Path(f) for f in state.recent if (Path(f) / "pack.toml").is_file()]
    for origin, folders in (("bundled", bundled_packs()), ("yours", _user_packs(folder)),
                            ("recent", recent)):
        bundled = origin == "bundled"
        for pack_folder in folders:
            resolved = pack_folder.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            title, claims, file_name, problem = _summary(pack_folder)
            key = pack_key(pack_folder / "pack.toml", title)
            progress = None
            position = state.positions.get(key)
            if position is not None and position.progress is not None:
                progress = max(0, min(100, position.progress))  # as the status line said it
            elif position is not None and file_name:
                try:
                    size = (pack_folder / file_name).stat().st_size
                    progress = min(100, round(100 * position.offset / max(1, size)))
                except OSError:
                    progress = None
            store = NotesStore((folder or data_dir()) / "notes" / f"{key}.toml", key, title)
            guesses = notes = 0
            if store.path.exists():
                loaded, _ = _peek_notes(store.path)
                guesses, notes = loaded
            entries.append(
                LibraryEntry(pack_folder, title, claims, bundled, progress, guesses, notes, problem,
                             recent=origin == "recent")
            )
    return entries


def _peek_notes(path: Path) -> tuple[tuple[int, int], str | None]:
    """Counts of guesses and notes in a notes file, without touching it."""
    try:
        data = tomli.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError, RecursionError) as exc:
        return (0, 0), str(exc)
    guesses = data.get("guesses", [])
    notes = data.get("notes", [])
    return (
        len(guesses) if isinstance(guesses, list) else 0,
        len(notes) if isinstance(notes, list) else 0,
    ), None

"""Open a document for reading: decide what a path is (pack folder, pack.toml, raw article)
and load it, in this process.

The reader gets its document from a :class:`DocumentSource`: first the pack for the first
screen, then, for a book whose claims are placed in the background, the placed claims.
Whoever loads a pack keeps it for next time (:mod:`reader.pack.cache`); the reader only says
when, and when it is done. :class:`LocalSource` opens the document in this process;
:class:`reader.preload.ForkedSource` in a second one.
"""

from __future__ import annotations

__all__ = [
    "DocumentSource",
    "LocalSource",
    "Opened",
    "Placed",
    "open_for_reading",
    "pack_from_raw",
]

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol

from reader.model import ArticleMeta, Claim, Pack
from reader.pack import cache as pack_cache
from reader.pack import find_pack_file
from reader.problems import Problem, ReaderError, has_errors

PlaceClaims = Callable[[], tuple[tuple[Claim, ...], list[Problem]]]
_ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm")


def pack_from_raw(path: Path) -> tuple[Pack, list[Problem]]:
    """Import a raw article in memory: its footnotes are shown, it has no claims."""
    from reader.importer import import_raw
    from reader.ingest.source import read_raw

    imported = import_raw(read_raw(path))
    meta = ArticleMeta(
        title=imported.report.title,
        file=path.name,
        publisher=imported.report.publisher,
    )
    article = imported.article
    problems = [
        Problem(p.severity, p.message, str(path), None, None, p.code)
        for p in imported.report.problems
    ]
    pack = Pack(meta=meta, article=article, sources={}, footnote_cards={}, claims=(), path=None)
    return pack, problems


class Opened(NamedTuple):
    """The document for the first screen: a pack and the problems found. ``pending``: its
    claims are still to be placed in the text (see :meth:`DocumentSource.placed`)."""

    pack: Pack
    problems: list[Problem]
    pending: bool = False


class Placed(NamedTuple):
    """A book's claims, placed in the text, and the problems found placing them."""

    claims: tuple[Claim, ...]
    problems: list[Problem]


_FILE_KEY = re.compile(r"""^[ \t]*file[ \t]*=[ \t]*["']([^"'\n]{1,300})["']""", re.MULTILINE)
_TITLE_KEY = re.compile(r"""^[ \t]*title[ \t]*=[ \t]*["']([^"'\n]{1,300})["']""", re.MULTILINE)


def _article_of_broken_pack(pack_file: Path, problems: list[Problem]) -> Opened | None:
    """The article of a pack that cannot be loaded, shown without claims, or None.

    The pack's ``file`` key is read from its text even when the TOML is broken; failing
    that, a lone ``article.md`` beside it is used. The article must stay inside the pack
    folder, like a working pack's.
    """
    from reader.pack.load import MAX_PACK_BYTES, article_in_folder, load_article

    folder = pack_file.parent
    names: list[str] = []
    title = ""
    try:
        if pack_file.is_file() and pack_file.stat().st_size <= MAX_PACK_BYTES:
            head = pack_file.read_bytes().decode("utf-8", errors="replace")
            names += [m.group(1) for m in _FILE_KEY.finditer(head)][:3]
            found_title = _TITLE_KEY.search(head)
            title = found_title.group(1) if found_title else ""
    except OSError:
        pass
    names.append("article.md")
    for name in names:
        candidate = article_in_folder(folder, name)
        try:
            if candidate is None or not candidate.is_file():
                continue
        except OSError:  # a folder we may not look into: there is no article to show
            continue
        try:
            article, article_problems = load_article(candidate)
        except ReaderError:
            continue
        note = Problem(
            "warning",
            "the pack has errors, so the article is shown without its fact checks; "
            f"run `lateral check {folder}` to list them",
            str(pack_file),
            code="article-only",
        )
        meta = ArticleMeta(title=title or folder.name, file=name)
        pack = Pack(meta=meta, article=article, sources={}, footnote_cards={}, claims=(),
                    path=pack_file)
        return Opened(pack, [*problems, *article_problems, note])
    return None


def _is_pack(path: Path) -> bool:
    return path.is_dir() or path.name == "pack.toml" or path.suffix == ".toml"


class DocumentSource(Protocol):
    """Where the reader's document comes from (see the module's notes)."""

    path: Path

    def opened(self) -> Opened:
        """The document for the first screen. Raises :class:`ReaderError` when it cannot be
        shown. Blocks until it is there; call it once."""
        ...

    def placed(self) -> Placed:
        """Only when :attr:`Opened.pending`: the claims placed. Blocks (run it in a worker
        thread); raises if they could not be placed."""
        ...

    def keep(self) -> None:
        """Keep the pack for next time, if this process loaded it and its claims are placed.
        Writes a file: call it from a worker thread once the first screen is up."""
        ...

    def finish(self) -> None:
        """The reader is done with the document: finish keeping it, and let go of it."""
        ...


class LocalSource:
    """A document opened in this process. With ``cache`` (a folder), a pack kept there and
    unchanged since is read from it, and a pack loaded afresh is kept there."""

    def __init__(
        self, path: Path, *, cache: Path | None = None, defer_anchoring: bool = False
    ) -> None:
        self.path = path
        self.cache = cache
        self.defer_anchoring = defer_anchoring
        self.from_cache = False  # the document came from the cache (there is nothing to keep)
        self._lookup: pack_cache.Lookup | None = None
        self._loaded: tuple[Pack, list[Problem]] | None = None  # to keep, once placed
        self._place: PlaceClaims | None = None
        self._keeping = threading.Lock()

    def kept_entry(self) -> bytes | None:
        """The pack as kept in the cache and still current, not yet unpickled (see
        :func:`reader.pack.cache.unpack`), or None. Looks the cache up once."""
        if self.cache is None or not _is_pack(self.path):
            return None
        if self._lookup is None:
            self._lookup = pack_cache.look_up(self.cache, find_pack_file(self.path))
        return self._lookup.entry

    def opened(self) -> Opened:
        entry = self.kept_entry()
        if entry is not None:
            kept = pack_cache.unpack(entry)
            if kept is not None:
                self.from_cache = True
                return Opened(*kept)
        if _is_pack(self.path):
            return self._load_pack()
        return Opened(*_raw_article(self.path))

    def _load_pack(self) -> Opened:
        from reader.pack.load import load_pack

        result = load_pack(self.path, defer_anchoring=self.defer_anchoring)
        if result.pack is not None:
            # Claims and cards with errors are left out; the rest is shown, with the problems.
            self._loaded = (result.pack, result.problems)
            self._place = result.place_claims
            return Opened(result.pack, result.problems, pending=self._place is not None)
        problems = result.problems or [
            Problem("error", "the pack could not be loaded", str(self.path))
        ]
        if has_errors(result.problems) and result.pack_file is not None:
            fallback = _article_of_broken_pack(result.pack_file, problems)
            if fallback is not None:
                return fallback
        raise ReaderError(problems)

    def placed(self) -> Placed:
        place, self._place = self._place, None
        if place is None or self._loaded is None:
            raise RuntimeError("there are no claims waiting to be placed")
        claims, problems = place()
        pack, found = self._loaded
        self._loaded = (pack._replace(claims=claims), [*found, *problems])
        return Placed(claims, problems)

    def keep(self) -> None:
        with self._keeping:
            fingerprint = self._lookup.fingerprint if self._lookup is not None else None
            if self._loaded is None or self._place is not None or fingerprint is None:
                return
            assert self.cache is not None
            pack, problems = self._loaded
            self._loaded = None  # kept once
            pack_cache.remember(self.cache, fingerprint, pack, problems)

    def finish(self) -> None:
        self.keep()


def _raw_article(path: Path) -> tuple[Pack, list[Problem]]:
    if not path.exists():
        raise ReaderError([Problem("error", "no such file or folder", str(path), code="read")])
    if path.suffix.lower() not in _ARTICLE_SUFFIXES:
        raise ReaderError(
            [
                Problem(
                    "error",
                    "expected a pack folder, a pack.toml, or an article "
                    "(.txt, .md or a saved .html page)",
                    str(path),
                    code="read",
                )
            ]
        )
    return pack_from_raw(path)


def open_for_reading(path: Path) -> Opened:
    """Load ``path`` with every claim placed, without the cache (for ``--plain`` and
    ``serve``). Raises :class:`ReaderError` when it cannot be shown."""
    return LocalSource(path).opened()

"""The ``[article]`` table and the article file it names, which must be inside the pack folder."""

from __future__ import annotations

__all__ = [
    "article_file",
    "article_in_folder",
    "check_article_table",
    "load_article",
    "read_article",
]

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reader.model import Article, ArticleMeta
from reader.pack.checker import Checker, quoted
from reader.problems import Problem, ReaderError
from reader.text.article import parse_article, read_text_file


def check_article_table(checker: Checker, top: dict[str, Any]) -> ArticleMeta | None:
    """The article's metadata, or None if ``[article]`` is missing or a required key is bad."""
    article_data = top.get("article")
    if not isinstance(article_data, dict):
        return None
    values = checker.table(article_data, "article", ("article",), "article")
    if values is None:
        return None
    return ArticleMeta(
        title=values["title"],
        file=values["file"],
        author=values.get("author"),
        publisher=values.get("publisher"),
        published=values.get("published"),
        url=values.get("url"),
        language=values.get("language") or "en",
    )


def article_in_folder(folder: Path, name: str) -> Path | None:
    """``folder / name``, or None if it leads outside ``folder`` (an absolute path, "..", or
    a link that points out)."""
    path = folder / name
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    return path if inside and not Path(name).is_absolute() else None


def article_file(checker: Checker, meta: ArticleMeta, pack_folder: Path) -> Path | None:
    """The article file's path, or None (reported) if it would lead outside the pack folder."""
    path = article_in_folder(pack_folder, meta.file)
    if path is None:
        checker.error(
            ("article", "file"),
            f"article: file {quoted(meta.file, 60)} must be inside the pack folder "
            '(a relative path, no "..", no link that leads outside)',
            "file-outside",
        )
    return path


def load_article(
    path: Path, language: str = "en", shown: str | None = None
) -> tuple[Article, list[Problem]]:
    """Read and parse an article file. Raises :class:`ReaderError` if it cannot be read."""
    text = read_text_file(path)
    return parse_article(text, path, language, shown_path=shown if shown else str(path))


def read_article(
    checker: Checker,
    meta: ArticleMeta,
    path: Path,
    loader: Callable[[Path, str, str], tuple[Article, list[Problem]]] | None = None,
) -> tuple[Article, list[Problem]] | None:
    """The article and its own problems, or None if it cannot be read (reported against the
    ``file`` key, since that is where the teacher fixes it)."""
    try:
        return (loader or load_article)(path, meta.language, str(path))
    except ReaderError as exc:
        for problem in exc.problems:
            checker.error(
                ("article", "file"),
                f"article: file {quoted(meta.file, 60)}: {problem.message}"
                + (f" (line {problem.line}, column {problem.col})" if problem.line else ""),
                problem.code or "article",
            )
        return None

"""Load a pack (``pack.toml`` plus its article) and report every problem at once.

Loading never raises for bad input: it returns what could be loaded and a list of
:class:`~reader.problems.Problem`, each naming the file, line and column. A broken entry is
skipped and the rest still loads.
"""

from __future__ import annotations

__all__ = [
    "MAX_PACK_BYTES",
    "LoadResult",
    "article_in_folder",
    "find_pack_file",
    "load_article",
    "load_pack",
]

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import tomli

from reader.gcpolicy import paused_gc
from reader.model import (
    DEFAULT_SCALE,
    Account,
    Anchor,
    Article,
    ArticleMeta,
    Claim,
    FootnoteCard,
    Pack,
    Scale,
    Source,
    Verdict,
)
from reader.pack import find_pack_file
from reader.pack.anchor import Anchorer, closest_passage
from reader.pack.positions import KeyPath, PositionIndex
from reader.pack.schema import FORMAT_VERSION, ID_PATTERN, SPECS, FieldSpec, type_name
from reader.problems import TOML_TOO_DEEP, Problem, ReaderError, Severity, toml_error_parts
from reader.text.article import parse_article, read_text_file
from reader.text.canonical import LineIndex, Utf8Error, decode_utf8
from reader.text.sanitize import has_bidi_controls, sanitize_line

MAX_PACK_BYTES = 5 * 1024 * 1024
MAX_QUOTE_WORDS = 25
class LoadResult:
    """A loaded pack (None if it could not be loaded) and every problem found."""

    __slots__ = ("article_file", "pack", "pack_file", "place_claims", "problems")

    def __init__(self, pack: Pack | None, pack_file: Path | None = None) -> None:
        self.pack = pack
        self.problems: list[Problem] = []
        self.pack_file = pack_file
        self.article_file: Path | None = None
        # With deferred anchoring: places the pack's claims in the article and returns
        # them, sorted, with the problems found doing so. Safe to run in a worker thread.
        self.place_claims: Callable[[], tuple[tuple[Claim, ...], list[Problem]]] | None = None

    @property
    def ok(self) -> bool:
        return self.pack is not None and not any(p.severity == "error" for p in self.problems)


def _shown(path: Path) -> str:
    return str(path)


def _quoted(text: str, limit: int = 70) -> str:
    """A short, safe, one-line rendering of untrusted text for a message."""
    flat = " ".join(sanitize_line(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f'"{flat}"'


class _Checker:
    """Collects problems with positions for one ``pack.toml``."""

    def __init__(self, shown: str, positions: PositionIndex) -> None:
        self.shown = shown
        self.positions = positions
        self.problems: list[Problem] = []

    def add(
        self,
        severity: Severity,
        path: KeyPath,
        message: str,
        code: str,
        key: bool = False,
    ) -> None:
        where = self.positions.locate(path, key=key)
        line, col = where if where else (None, None)
        self.problems.append(Problem(severity, message, self.shown, line, col, code))

    def error(self, path: KeyPath, message: str, code: str, key: bool = False) -> None:
        self.add("error", path, message, code, key)

    def warn(self, path: KeyPath, message: str, code: str, key: bool = False) -> None:
        self.add("warning", path, message, code, key)

    # -- typed access ------------------------------------------------------------------------

    def table(
        self, data: Mapping[str, Any], spec_name: str, path: KeyPath, label: str
    ) -> dict[str, Any] | None:
        """Check ``data`` against a spec: its valid values, or None if a required one is bad."""
        values, complete = self.table_values(data, spec_name, path, label)
        return values if complete else None

    def table_values(
        self, data: Mapping[str, Any], spec_name: str, path: KeyPath, label: str
    ) -> tuple[dict[str, Any], bool]:
        """Check ``data`` against a spec: its valid values, and whether every required one is."""
        spec = SPECS[spec_name]
        values: dict[str, Any] = {}
        complete = True
        for key, value in data.items():
            if key not in spec:
                close = difflib.get_close_matches(key, list(spec), n=1, cutoff=0.6)
                hint = f'; did you mean "{close[0]}"?' if close else ""
                allowed = ", ".join(spec)
                self.error(
                    (*path, key),
                    f"{label}: unknown key {_quoted(key, 40)}{hint}"
                    + ("" if close else f" (allowed: {allowed})"),
                    "unknown-key",
                    key=True,
                )
                continue
            checked = self.value(value, spec[key], (*path, key), f"{label}: {key}")
            if checked is _INVALID:
                if spec[key].required:
                    complete = False
                continue
            values[key] = checked
        for key, field_spec in spec.items():
            if field_spec.required and key not in data:
                self.error(path, f'{label}: missing required key "{key}"', "missing-key")
                complete = False
        return values, complete

    def value(self, value: Any, spec: FieldSpec, path: KeyPath, label: str) -> Any:
        kind = spec.type
        if kind in ("str", "id", "url"):
            if not isinstance(value, str):
                self.error(path, f"{label}: expected a string, got {type_name(value)}", "type")
                return _INVALID
            if kind in ("id",) and not ID_PATTERN.fullmatch(value):
                self.error(
                    path,
                    f"{label}: {_quoted(value, 40)} is not a valid id; use lowercase letters, "
                    'digits and single hyphens (like "un-2023-10-02")',
                    "bad-id",
                )
                return _INVALID
            if spec.required and not value.strip():
                self.error(path, f"{label}: must not be empty", "empty")
                return _INVALID
            if kind == "url" and not _valid_url(value):
                self.error(
                    path,
                    f"{label}: {_quoted(value, 60)} is not a web address; "
                    "it must start with http:// or https:// and contain no spaces",
                    "bad-url",
                )
                return _INVALID
            if spec.choices is not None and value not in spec.choices:
                close = difflib.get_close_matches(value, spec.choices, n=1, cutoff=0.6)
                hint = f'; did you mean "{close[0]}"?' if close else ""
                self.error(
                    path,
                    f"{label}: {_quoted(value, 40)} is not one of: "
                    + ", ".join(spec.choices)
                    + hint,
                    "bad-choice",
                )
                return _INVALID
            if has_bidi_controls(value):
                self.warn(
                    path,
                    f"{label}: contains bidirectional control characters, which can make text "
                    "display in a different order than it is stored; they are shown as �",
                    "bidi",
                )
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.error(path, f"{label}: expected an integer, got {type_name(value)}", "type")
                return _INVALID
            return value
        if kind == "date":
            if isinstance(value, dt.datetime):
                self.error(
                    path,
                    f"{label}: expected a date like 2023-10-05, got a date-time",
                    "type",
                )
                return _INVALID
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                self.error(
                    path,
                    f"{label}: write dates without quotes, like {value.strip()}",
                    "type",
                )
                return _INVALID
            self.error(
                path, f"{label}: expected a date like 2023-10-05, got {type_name(value)}", "type"
            )
            return _INVALID
        if kind == "table":
            if not isinstance(value, dict):
                self.error(path, f"{label}: expected a table, got {type_name(value)}", "type")
                return _INVALID
            return value
        if kind == "tables":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                self.error(
                    path,
                    f"{label}: expected an array of tables ([[{path[-1]}]]), "
                    f"got {type_name(value)}",
                    "type",
                )
                return _INVALID
            return value
        if kind == "labelled-tables":
            if not isinstance(value, dict):
                self.error(path, f"{label}: expected a table, got {type_name(value)}", "type")
                return _INVALID
            return value
        if kind == "text-items":
            if not isinstance(value, list):
                self.error(
                    path,
                    f'{label}: expected an array of tables with a "text" key, '
                    f"got {type_name(value)}",
                    "type",
                )
                return _INVALID
            texts: list[str] = []
            for index, item in enumerate(value):
                if isinstance(item, str):
                    texts.append(item)
                    continue
                if not isinstance(item, dict):
                    self.error(
                        (*path, index),
                        f'{label}[{index + 1}]: expected a table with a "text" key, '
                        f"got {type_name(item)}",
                        "type",
                    )
                    continue
                checked = self.table(item, "text-item", (*path, index), f"{label}[{index + 1}]")
                if checked is not None:
                    texts.append(checked["text"])
            return tuple(texts)
        raise AssertionError(kind)


class _Invalid:
    pass


_INVALID: Any = _Invalid()


_WEB_ADDRESS = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f]+")


def _valid_url(value: str) -> bool:
    return _WEB_ADDRESS.fullmatch(value) is not None


def _read_pack_source(pack_file: Path, shown: str) -> str:
    try:
        if pack_file.is_dir():
            raise ReaderError([Problem("error", "this is a folder; expected pack.toml", shown)])
        size = pack_file.stat().st_size
    except FileNotFoundError:
        if pack_file.name == "pack.toml" and pack_file.parent.is_dir():
            message = "no pack.toml in this folder (run `lateral import` to make one)"
        else:
            message = "no such file or folder"
        raise ReaderError([Problem("error", message, shown, code="read")]) from None
    except PermissionError:
        raise ReaderError(
            [Problem("error", "cannot read the pack: permission denied", shown, code="read")]
        ) from None
    if size > MAX_PACK_BYTES:
        raise ReaderError(
            [
                Problem(
                    "error",
                    f"pack file is {size / 1_048_576:.1f} MB; packs are limited to "
                    f"{MAX_PACK_BYTES // 1_048_576} MB",
                    shown,
                    code="too-large",
                )
            ]
        )
    try:
        data = pack_file.read_bytes()
    except OSError as exc:
        raise ReaderError(
            [Problem("error", f"cannot read the pack: {exc.strerror or exc}", shown, code="read")]
        ) from None
    try:
        return decode_utf8(data)
    except Utf8Error as exc:
        raise ReaderError(
            [Problem("error", exc.message, shown, exc.line, exc.col, "encoding")]
        ) from None


def _parse_toml(source: str, shown: str) -> dict[str, Any]:
    try:
        return tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        message, line, col = toml_error_parts(exc)
        position = getattr(exc, "pos", None)
        message += _toml_hint(message, source, position)
        raise ReaderError(
            [
                Problem(
                    "error",
                    f"TOML syntax error: {sanitize_line(message)}",
                    shown,
                    line,
                    col,
                    "toml",
                )
            ]
        ) from None
    except RecursionError:
        raise ReaderError(
            [Problem("error", TOML_TOO_DEEP, shown, code="toml")]
        ) from None


def _toml_hint(message: str, source: str, position: int | None) -> str:
    """A plain-words hint for the TOML errors teachers meet most."""
    if isinstance(position, int) and 0 <= position < len(source) and source[position] == "\r":
        return " (the file has a lone carriage return; re-save it with normal line endings)"
    if message.startswith("Illegal character '\\n'"):
        return " (is a closing quote missing at the end of this line?)"
    if message.startswith("Cannot overwrite a value"):
        return " (this key is already set earlier in the same table)"
    if message.startswith("Cannot declare"):
        return " (this table header appears twice)"
    return ""


def article_in_folder(folder: Path, name: str) -> Path | None:
    """``folder / name``, or None if it leads outside ``folder`` (an absolute path, "..", or
    a link that points out)."""
    path = folder / name
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except OSError:
        inside = False
    return path if inside and not Path(name).is_absolute() else None


def load_article(
    path: Path, language: str = "en", shown: str | None = None
) -> tuple[Article, list[Problem]]:
    """Read and parse an article file. Raises :class:`ReaderError` if it cannot be read."""
    text = read_text_file(path)
    return parse_article(text, path, language, shown_path=shown if shown else str(path))


DEFER_ANCHORING_ABOVE = 1_000_000  # characters of article text


def load_pack(path: Path, *, defer_anchoring: bool = False) -> LoadResult:
    """Load ``path`` (a pack folder or its ``pack.toml``); never raises for bad input.

    With ``defer_anchoring``, a long article's claims are returned unplaced (their anchor
    status is ``pending``) and ``result.place_claims`` places them: the reader shows the
    first screen of a book first and places its claims in the background.
    """
    pack_file = find_pack_file(path)
    shown = _shown(pack_file)
    result = LoadResult(None, pack_file=pack_file)
    with paused_gc():  # what is built here is kept (see reader.gcpolicy)
        try:
            source = _read_pack_source(pack_file, shown)
            data = _parse_toml(source, shown)
        except ReaderError as exc:
            result.problems.extend(exc.problems)
            return result
        checker = _Checker(shown, PositionIndex(source))
        _build(data, pack_file, checker, result, defer_anchoring)
    result.problems[:0] = checker.problems
    return result


def _build(
    data: dict[str, Any],
    pack_file: Path,
    checker: _Checker,
    result: LoadResult,
    defer_anchoring: bool = False,
) -> None:
    top, _ = checker.table_values(data, "top", (), "pack")
    fmt = data.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt != FORMAT_VERSION:
        if fmt > FORMAT_VERSION:
            checker.error(
                ("format",),
                f"this pack is format {fmt}; this version of "
                f"lateral-reader reads format {FORMAT_VERSION} (upgrade to open it)",
                "format",
            )
        else:
            checker.error(
                ("format",), f"unknown format {fmt}; use format = {FORMAT_VERSION}", "format"
            )
        return
    article_data = top.get("article")
    if not isinstance(article_data, dict):
        return
    meta_values = checker.table(article_data, "article", ("article",), "article")
    if meta_values is None:
        return
    meta = ArticleMeta(
        title=meta_values["title"],
        file=meta_values["file"],
        author=meta_values.get("author"),
        publisher=meta_values.get("publisher"),
        published=meta_values.get("published"),
        url=meta_values.get("url"),
        language=meta_values.get("language") or "en",
    )

    # -- the article file --------------------------------------------------------------------
    article_path = article_in_folder(pack_file.parent, meta.file)
    if article_path is None:
        checker.error(
            ("article", "file"),
            f"article: file {_quoted(meta.file, 60)} must be inside the pack folder "
            '(a relative path, no "..", no link that leads outside)',
            "file-outside",
        )
        return
    result.article_file = article_path
    try:
        article, article_problems = load_article(
            article_path, meta.language, shown=str(article_path)
        )
    except ReaderError as exc:
        for problem in exc.problems:
            checker.error(
                ("article", "file"),
                f"article: file {_quoted(meta.file, 60)}: {problem.message}"
                + (f" (line {problem.line}, column {problem.col})" if problem.line else ""),
                problem.code or "article",
            )
        return
    result.problems.extend(article_problems)

    # -- verdict scale -----------------------------------------------------------------------
    scale = DEFAULT_SCALE
    verdicts_data = top.get("verdicts")
    if isinstance(verdicts_data, dict) and verdicts_data:
        verdicts: list[Verdict] = []
        for verdict_id, entry in verdicts_data.items():
            vpath: KeyPath = ("verdicts", verdict_id)
            if not ID_PATTERN.fullmatch(verdict_id):
                checker.error(
                    vpath,
                    f"verdict {_quoted(verdict_id, 40)}: not a valid id; use "
                    "lowercase letters, digits and hyphens",
                    "bad-id",
                    key=True,
                )
                continue
            if not isinstance(entry, dict):
                checker.error(
                    vpath,
                    f'verdict "{verdict_id}": expected a table, got {type_name(entry)}',
                    "type",
                )
                continue
            values = checker.table(entry, "verdict", vpath, f'verdict "{verdict_id}"')
            if values is None:
                continue
            default = DEFAULT_SCALE.get(verdict_id)
            verdicts.append(
                Verdict(
                    verdict_id,
                    values["label"],
                    values.get("glyph") or (default.glyph if default else "●"),
                    values.get("description", ""),
                    values.get("tone") or (default.tone if default else "neutral"),
                )
            )
        if verdicts:
            scale = Scale(tuple(verdicts))

    # -- sources -----------------------------------------------------------------------------
    sources: dict[str, Source] = {}
    source_paths: dict[str, KeyPath] = {}
    for index, entry in enumerate(top.get("sources", []) or []):
        spath: KeyPath = ("sources", index)
        label = _entry_label("source", entry, index)
        values = checker.table(entry, "source", spath, label)
        if values is None:
            continue
        source_id = values["id"]
        if source_id in sources:
            checker.error(
                (*spath, "id"),
                f'source id "{source_id}" is used twice '
                f"(first at line {_line(checker, source_paths[source_id])})",
                "duplicate-id",
            )
            continue
        sources[source_id] = Source(
            source_id,
            values["title"],
            values.get("publisher"),
            values.get("date"),
            values.get("url"),
            values.get("kind"),
            values.get("perspective"),
        )
        source_paths[source_id] = spath
    used_sources: set[str] = set()

    # -- footnote cards ----------------------------------------------------------------------
    cards: dict[str, FootnoteCard] = {}
    footnotes_data = top.get("footnotes", {}) or {}
    for label_key, entry in footnotes_data.items():
        fpath: KeyPath = ("footnotes", label_key)
        label = f"footnote card [{sanitize_line(label_key)}]"
        if not isinstance(entry, dict):
            checker.error(fpath, f"{label}: expected a table, got {type_name(entry)}", "type")
            continue
        values = checker.table(entry, "footnote", fpath, label)
        if values is None:
            continue
        if label_key not in article.footnotes:
            known = ", ".join(f"[{k}]" for k in article.footnotes) or "none"
            checker.error(
                fpath,
                f"{label}: the article has no note [{sanitize_line(label_key)}]"
                f" (its notes: {known})",
                "unknown-footnote",
                key=True,
            )
            continue
        source_ref = values.get("source")
        if source_ref is not None:
            if source_ref not in sources:
                _unknown_source(checker, (*fpath, "source"), label, source_ref, sources)
                source_ref = None
            else:
                used_sources.add(source_ref)
        cards[label_key] = FootnoteCard(label_key, source_ref, values.get("note"))
        if not values.get("note"):
            checker.warn(
                fpath,
                f"{label}: no note yet (say what the cited item is and whether "
                "it supports the sentence)",
                "footnote-no-note",
            )
    article_lines = LineIndex(article.text)
    for label_key in article.footnotes:
        if label_key not in cards and label_key not in footnotes_data:
            definition = article.footnotes[label_key]
            line, col = article_lines.line_col(definition.start)
            result.problems.append(
                Problem(
                    "warning",
                    f"note [{sanitize_line(label_key)}] has no footnote card in "
                    f"the pack (add [footnotes.{_toml_key(label_key)}])",
                    str(article_path),
                    line,
                    col,
                    "footnote-no-card",
                )
            )

    # -- claims ------------------------------------------------------------------------------
    claims: list[Claim] = []
    pending: list[tuple[int, KeyPath, str]] = []  # claim index, path of its quote, label
    claim_ids: dict[str, KeyPath] = {}
    for index, entry in enumerate(top.get("claims", []) or []):
        cpath: KeyPath = ("claims", index)
        label = _entry_label("claim", entry, index)
        values = checker.table(entry, "claim", cpath, label)
        if values is None:
            continue
        claim_id = values["id"]
        if claim_id in claim_ids:
            checker.error(
                (*cpath, "id"),
                f'claim id "{claim_id}" is used twice (first at line '
                f"{_line(checker, claim_ids[claim_id])})",
                "duplicate-id",
            )
            continue
        claim_ids[claim_id] = cpath
        verdict = values.get("verdict")
        if verdict is not None and scale.get(verdict) is None:
            close = difflib.get_close_matches(verdict, scale.ids, n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            checker.error(
                (*cpath, "verdict"),
                f"{label}: verdict {_quoted(verdict, 40)} is not "
                f"on the pack's scale ({', '.join(scale.ids)}){hint}",
                "bad-verdict",
            )
            verdict = None
        accounts: list[Account] = []
        for a_index, account_entry in enumerate(values.get("accounts", [])):
            apath: KeyPath = (*cpath, "accounts", a_index)
            alabel = f"{label}, account {a_index + 1}"
            avalues = checker.table(account_entry, "account", apath, alabel)
            if avalues is None:
                continue
            if avalues["source"] not in sources:
                _unknown_source(checker, (*apath, "source"), alabel, avalues["source"], sources)
                continue
            used_sources.add(avalues["source"])
            quote = avalues.get("quote")
            if quote is not None and len(quote.split()) > MAX_QUOTE_WORDS:
                checker.warn(
                    (*apath, "quote"),
                    f"{alabel}: quote is {len(quote.split())} words; "
                    f"keep quotes to {MAX_QUOTE_WORDS} words or fewer and paraphrase "
                    'the rest in "says"',
                    "long-quote",
                )
            accounts.append(Account(avalues["source"], avalues["stance"], avalues["says"], quote))

        pending.append((len(claims), (*cpath, "quote"), label))
        claim = Claim(
            id=claim_id,
            quote=values["quote"],
            anchor=_PENDING,
            prefix=values.get("prefix"),
            suffix=values.get("suffix"),
            kind=values.get("kind"),
            verdict=verdict,
            summary=values.get("summary"),
            accounts=tuple(accounts),
            notes=values.get("notes", ()),
            questions=values.get("questions", ()),
            prompts=values.get("prompts", ()),
        )
        claims.append(claim)
        # -- editorial warnings ----------------------------------------------------------
        if values.get("verdict") is None or values.get("summary") is None:
            missing = " and ".join(k for k in ("verdict", "summary") if values.get(k) is None)
            checker.warn(cpath, f"{label}: not reviewed yet (no {missing})", "not-reviewed")
        if not accounts and "accounts" not in values:
            checker.warn(cpath, f"{label}: no accounts yet", "no-accounts")
        if verdict in ("false", "misleading") and len(accounts) < 2:
            checker.warn(
                cpath,
                f'{label}: verdict "{verdict}" rests on {len(accounts)} '
                "account(s); give at least two",
                "thin-verdict",
            )

    for source_id, spath in source_paths.items():
        if source_id not in used_sources:
            checker.warn(
                spath,
                f'source "{source_id}" is never used by an account or a footnote card',
                "unused-source",
            )

    def place_claims() -> tuple[tuple[Claim, ...], list[Problem]]:
        first_new = len(checker.problems)
        placed = _place_claims(claims, pending, article, article_path, checker)
        return placed, checker.problems[first_new:]

    if defer_anchoring and len(article.text) > DEFER_ANCHORING_ABOVE:
        final_claims = tuple(claims)
        result.place_claims = place_claims
    else:
        final_claims, _ = place_claims()
    result.pack = Pack(
        meta=meta,
        article=article,
        sources=sources,
        footnote_cards=cards,
        claims=final_claims,
        scale=scale,
        path=pack_file,
    )


_PENDING = Anchor("pending")


def _place_claims(
    claims: list[Claim],
    pending: list[tuple[int, KeyPath, str]],
    article: Article,
    article_path: Path,
    checker: _Checker,
) -> tuple[Claim, ...]:
    """Anchor every claim's quote; report quotes found nowhere or in several places."""
    anchorer = Anchorer(article.text)
    anchorer.prepare(claims[index].quote for index, _, _ in pending)
    lines: list[LineIndex] = []

    def article_lines() -> LineIndex:  # built only if a quote has a problem to report
        if not lines:
            lines.append(LineIndex(article.text))
        return lines[0]

    sentence_spans: list[tuple[int, int, int]] | None = None
    placed = list(claims)
    for index, qpath, label in pending:
        claim = claims[index]
        anchor = anchorer.anchor(claim.quote, claim.prefix, claim.suffix)
        if anchor.status == "ambiguous":
            places = ", ".join(
                "{}:{}:{}".format(article_path, *article_lines().line_col(s))
                for s, _ in anchor.candidates[:5]
            )
            more = "" if len(anchor.candidates) <= 5 else f" and {len(anchor.candidates) - 5} more"
            checker.error(
                qpath,
                f"{label}: quote matches {len(anchor.candidates)} places in the "
                f"article ({places}{more}); add a prefix or suffix to pick one",
                "ambiguous-quote",
            )
        elif anchor.status == "not_found":
            if sentence_spans is None:
                sentence_spans = [(s.start, s.end, s.block) for s in article.sentences]
            closest = closest_passage(article.text, sentence_spans, claim.quote)
            hint = ""
            if closest is not None and closest[2] > 0.3:
                start, end, similarity = closest
                line, col = article_lines().line_col(start)
                where = _place_name(article, start)
                hint = (
                    f"; closest match at {where} ({article_path}:{line}:{col}, "
                    f"{round(similarity * 100)}% similar): {_quoted(article.text[start:end])}"
                )
            checker.error(
                qpath, f"{label}: quote not found in the article{hint}", "quote-not-found"
            )
        sentences = (
            article.sentences_overlapping(anchor.start, anchor.end) if anchor.found else range(0)
        )
        placed[index] = claim._replace(anchor=anchor, sentences=sentences)
    placed.sort(key=lambda c: c.anchor.start if c.anchor.found else 1 << 62)
    return tuple(placed)


def _toml_key(label: str) -> str:
    return label if re.fullmatch(r"[A-Za-z0-9_-]+", label) else f'"{label}"'


def _line(checker: _Checker, path: KeyPath) -> str:
    where = checker.positions.locate(path)
    return str(where[0]) if where else "?"


def _entry_label(kind: str, entry: Any, index: int) -> str:
    if isinstance(entry, dict):
        entry_id = entry.get("id")
        if isinstance(entry_id, str) and entry_id:
            return f"{kind} {_quoted(entry_id, 40)}"
    return f"{kind} #{index + 1}"


def _unknown_source(
    checker: _Checker, path: KeyPath, label: str, ref: str, sources: Mapping[str, Source]
) -> None:
    close = difflib.get_close_matches(ref, list(sources), n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    checker.error(
        path, f"{label}: no source card with id {_quoted(ref, 40)}{hint}", "unknown-source"
    )


def _place_name(article: Article, offset: int) -> str:
    paragraph = 0
    for block in article.blocks:
        if block.kind == "paragraph":
            paragraph += 1
        if block.start <= offset <= block.end:
            if block.kind == "note":
                return f"note [{sanitize_line(block.note_label or '?')}]"
            if block.kind == "heading":
                return "a heading"
            return f"paragraph {paragraph}"
    return "the article"

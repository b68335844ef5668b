"""Front matter at the top of an article: YAML between ``---`` lines, or TOML between ``+++``.

Static-site generators (Jekyll, Hugo, Eleventy, Astro) put the title, authors, date, site and
address there; none of it is article text. The block is parsed with a real parser (PyYAML's
safe loader, or tomli), so quoting, lists and dates are read as their authors meant; the
fields the reader knows are kept as plain strings.
"""

from __future__ import annotations

__all__ = ["FrontMatter", "read_front_matter"]

import datetime as dt
import re
from typing import Any, NamedTuple

import tomli

# Where each field of [article] may be found, in order of preference.
_FIELDS = {
    "title": ("title",),
    "author": ("author", "authors", "creator", "byline"),
    "published": ("date", "published", "pubdate", "publish_date", "created"),
    "publisher": ("publisher", "site", "site_name", "source", "publication"),
    "url": ("url", "canonical_url", "canonical", "permalink", "link", "source_url"),
    "language": ("lang", "language", "locale"),
}
_MAX_LINES = 200  # front matter longer than this is not front matter
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FrontMatter(NamedTuple):
    fields: dict[str, str]  # title, author, published (YYYY-MM-DD), publisher, url, language
    end: int  # where the article text starts (0: no front matter)
    kind: str | None  # "YAML" or "TOML"
    problem: str | None  # why the block could not be read (it is still left out)


def read_front_matter(text: str) -> FrontMatter:
    """The front matter at the very top of ``text``, if any."""
    first = text.split("\n", 1)[0].rstrip("\r")
    fences = {"---": ("YAML", ("---", "...")), "+++": ("TOML", ("+++",))}
    if first not in fences:
        return FrontMatter({}, 0, None, None)
    kind, closers = fences[first]
    lines = text.split("\n")
    for number in range(1, min(len(lines), _MAX_LINES)):
        if lines[number].rstrip("\r") in closers:
            block = "\n".join(lines[1:number])
            end = sum(len(line) + 1 for line in lines[: number + 1])
            data, problem = _parse(block, kind)
            return FrontMatter(_fields(data), min(end, len(text)), kind, problem)
    return FrontMatter({}, 0, None, None)  # no closing line: a horizontal rule, not a block


def _parse(block: str, kind: str) -> tuple[dict[str, Any], str | None]:
    if kind == "TOML":
        try:
            return tomli.loads(block), None
        except (tomli.TOMLDecodeError, RecursionError) as exc:
            return {}, f"the TOML front matter could not be read: {exc}"
    import yaml  # only for articles that have YAML front matter

    try:
        data = yaml.safe_load(block)
    except (yaml.YAMLError, RecursionError) as exc:
        return {}, f"the YAML front matter could not be read: {' '.join(str(exc).split())}"
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"the {kind} front matter is not a set of fields"
    return data, None


def _fields(data: dict[str, Any]) -> dict[str, str]:
    lowered = {str(key).casefold(): value for key, value in data.items()}
    found: dict[str, str] = {}
    subtitle = _text(lowered.get("subtitle"), "title")
    for field, keys in _FIELDS.items():
        for key in keys:
            text = _text(lowered.get(key), field)
            if text:
                found[field] = text
                break
    if subtitle and found.get("title") and subtitle.casefold() not in found["title"].casefold():
        found["title"] = f"{found['title'].rstrip(':')}: {subtitle}"
    return found


def _text(value: Any, field: str) -> str:
    """A field's value as one line of text ("" if it has none a reader could use)."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dict):  # authors: {name: ...}
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        parts = [_text(item, field) for item in value]
        return ", ".join(p for p in parts if p)
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    text = " ".join(str(value).split())
    if field == "published":
        match = _DATE.match(text)
        return match.group() if match else ""
    if field == "url" and not re.match(r"https?://\S+$", text):
        return ""  # a path on the site ("/newsroom/2016.html") is no address to follow
    return text

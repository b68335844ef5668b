"""Build the benchmark inputs: the bundled article, and 1 MB and 5 MB books made from it.

A book repeats the article's body as numbered parts (``## Part N``), with every paragraph
prefixed ``**N.i**`` so each is unique, Markdown footnotes (``[^pN-k]``) in place of the
article's ``[k]`` markers, and a pack with claims spread evenly through it. Deterministic: the
same sizes give the same files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.resources import default_pack
from reader.text.canonical import canonicalize
from reader.tomlwrite import toml_string

MARKER = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class Doc:
    name: str
    folder: Path
    size: int
    claims: int


def _article_parts() -> tuple[list[str], dict[str, str]]:
    text = canonicalize((default_pack() / "article.md").read_text(encoding="utf-8"))
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    body = [b for b in blocks[1:] if not re.match(r"\[\d+\]", b) and not b.startswith("#")]
    body = [b for b in body if not b.startswith("the Influence of Ethnic")]
    notes: dict[str, str] = {}
    for block in blocks:
        match = re.match(r"\[(\d+)\]\s*(.*)", block, re.S)
        if match:
            notes[match.group(1)] = " ".join(match.group(2).split())
    return body, notes


def build_book(folder: Path, target_bytes: int, claims_wanted: int) -> Doc:
    """Write ``article.md`` and ``pack.toml`` for a book of about ``target_bytes``."""
    body, notes = _article_parts()
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[str] = ["# A long book made from the bundled article\n"]
    quotes: list[str] = []
    size = len(parts[0].encode("utf-8"))
    part = 0
    while size < target_bytes:
        part += 1
        chunk = [f"## Part {part}: Closing the circle, again\n"]
        for number, paragraph in enumerate(body, start=1):
            prefix = f"**{part}.{number}**"
            marked = MARKER.sub(rf"[^p{part}-\1]", paragraph)
            chunk.append(f"{prefix} {marked}\n")
            quotes.append(f"{prefix} {paragraph.split('.')[0][:60]}")
        for label, note in notes.items():
            chunk.append(f"[^p{part}-{label}]: {note}\n")
        text = "\n".join(chunk) + "\n"
        parts.append(text)
        size += len(text.encode("utf-8"))
    (folder / "article.md").write_text("\n".join(parts), encoding="utf-8")
    step = max(1, len(quotes) // max(1, claims_wanted))
    chosen = quotes[::step][:claims_wanted]
    toml = [
        "format = 1",
        "",
        "[article]",
        'title = "A long book made from the bundled article"',
        'file = "article.md"',
        "",
    ]
    for source in ("source-a", "source-b", "source-c"):
        toml += [
            "[[sources]]",
            f'id = "{source}"',
            f'title = "Source {source}"',
            'kind = "news"',
            'perspective = "independent"',
            "",
        ]
    verdicts = ["supported", "needs-context", "misleading", "disputed", "false", "opinion"]
    for index, quote in enumerate(chosen):
        toml += [
            "[[claims]]",
            f'id = "claim-{index}"',
            f"quote = {toml_string(quote)}",
            f'verdict = "{verdicts[index % len(verdicts)]}"',
            'summary = "A generated claim for the benchmark."',
            "accounts = [",
            '  { source = "source-a", stance = "supports", says = "It says so." },',
            '  { source = "source-b", stance = "contradicts", says = "It says not." },',
            "]",
            "",
        ]
    toml.append("# source-c is used by no account: one warning, on purpose")
    (folder / "pack.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    return Doc(folder.name, folder, (folder / "article.md").stat().st_size, len(chosen))


def build_all(root: Path, sizes: dict[str, tuple[int, int]] | None = None) -> dict[str, Doc]:
    """The bundled article plus books: name -> Doc. ``sizes``: name -> (bytes, claims)."""
    sizes = sizes or {"1MB": (1_000_000, 1_000), "5MB": (5_000_000, 5_000)}
    bundled = default_pack()
    docs = {
        "20KB": Doc("20KB", bundled, (bundled / "article.md").stat().st_size, 65),
    }
    for name, (size, claims) in sizes.items():
        docs[name] = build_book(root / name, size, claims)
    return docs

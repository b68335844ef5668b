"""``lateral --plain``: the article and its fact checks as linear text.

For screen readers and pipes: no box drawing, no colour, no cursor movement, and a stable
order. The article comes first with ``[C7]`` claim markers (after the claim's quote) beside its
own ``[3]`` footnote markers, then every claim's panel as a block of text, in the same sections
the reader's side panel shows. Control characters in the text are shown as visible symbols.
"""

from __future__ import annotations

__all__ = ["claim_numbers", "render_plain"]

from reader.export.common import article_pieces
from reader.model import Claim, Pack
from reader.panel import PanelLine, Section, claim_sections, panel_sections
from reader.text.sanitize import sanitize_for_display


def claim_numbers(pack: Pack) -> dict[str, int]:
    """Claim id → its number (C1, C2, …) in reading order; claims not placed come last."""
    return {claim.id: number for number, claim in enumerate(pack.claims, start=1)}


def _line_text(line: PanelLine) -> str:
    return "".join(text for text, _ in line)


def _section_text(section: Section, indent: str = "  ") -> list[str]:
    out = [f"{section.title}:"]
    for line in section.lines:
        text = _line_text(line)
        out.append(f"{indent}{text}" if text else "")
    return out


def _header(pack: Pack) -> list[str]:
    meta = pack.meta
    lines = [meta.title]
    byline = " · ".join(meta.byline())
    if byline:
        lines.append(byline)
    if meta.url:
        lines.append(meta.url)
    claims = len(pack.claims)
    lines.append(
        f"{claims} claim{'s' if claims != 1 else ''} checked · "
        f"{len(pack.article.footnotes)} notes · {len(pack.article.sentences)} sentences"
    )
    return lines


def render_plain(pack: Pack) -> str:
    numbers = claim_numbers(pack)
    out: list[str] = _header(pack)
    out.append("")
    for _, pieces in article_pieces(pack):
        out.append("".join(p if isinstance(p, str) else f"[C{p}]" for p in pieces))
        out.append("")
    if pack.claims:
        out.append("FACT CHECKS")
        out.append("")
        for claim in pack.claims:
            out.extend(_claim_block(pack, claim, numbers[claim.id]))
            out.append("")
    return sanitize_for_display("\n".join(out).rstrip("\n") + "\n")


def _claim_block(pack: Pack, claim: Claim, number: int) -> list[str]:
    quote = " ".join(claim.quote.split())
    out = [f"[C{number}] “{quote}”", f"  id: {claim.id}"]
    article = pack.article
    if claim.sentences:
        first = article.sentences[claim.sentences[0]]
        labels = first.footnotes
        if labels:
            sections = panel_sections(pack, claim.sentences[0], [])
            out.extend(_section_text(sections[0]))
    else:
        out.append("  (this quote could not be placed in the article)")
    for section in claim_sections(pack, claim, "Verdict"):
        out.extend(_section_text(section))
    return out

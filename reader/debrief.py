"""The debrief of a served class, at any moment: Markdown (as ``lateral class`` writes it) and
a self-contained HTML page with each claim's guesses as an SVG bar chart (nothing loaded from
anywhere)."""

from __future__ import annotations

__all__ = ["debrief_html", "write_debrief"]

import datetime as dt
import html
from pathlib import Path

from reader.classroom import reason_line, report_markdown, short_quote
from reader.model import Pack
from reader.teaching import ClassLook, chart

BAR_WIDTH = 260
ROW = 18


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _svg(pack: Pack, look: ClassLook, claim_id: str, title: str) -> str:
    bars = chart(pack, look, claim_id)
    total = max(1, sum(bar.guesses for bar in bars))
    label_width = 8 * max(len(bar.label) for bar in bars) + 10
    height = ROW * len(bars) + 4
    width = label_width + BAR_WIDTH + 60
    rows = []
    for index, bar in enumerate(bars):
        y = index * ROW + 2
        length = round(BAR_WIDTH * bar.guesses / total)
        colour = "#2f7d4f" if bar.reviewers else "#5a6b7a"
        rows.append(
            f'<text x="0" y="{y + 13}" font-size="13">{_e(bar.label)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length}" height="{ROW - 6}" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 13}" font-size="13">{bar.guesses}'
            f'{" ← reviewers" if bar.reviewers else ""}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}"><title>{_e(title)}</title>'
            + "".join(rows) + "</svg>")


def debrief_html(pack: Pack, look: ClassLook, *, names: bool = False) -> str:
    """The debrief as one HTML page with no external references."""
    labels = {v.id: v.label for v in pack.scale.verdicts}
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>Class debrief: {_e(pack.meta.title)}</title>",
           "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
           "blockquote{color:#333;border-left:3px solid #999;margin:0;padding-left:1em}"
           "</style></head><body>",
           f"<h1>Class debrief: {_e(pack.meta.title)}</h1>",
           f"<p>{len(look.students)} students; written "
           f"{_e(dt.datetime.now().strftime('%Y-%m-%d %H:%M'))}.</p>"]
    for line in look.report.claims:
        if not line.guessed:
            continue
        title = f"C{line.number}: {line.guessed} guesses"
        out.append(f"<h2>C{line.number}</h2><blockquote>{_e(short_quote(line.quote, 200))}"
                   "</blockquote>")
        out.append(f"<p>Reviewers: {_e(labels.get(line.reviewer, 'not reviewed'))}; "
                   f"{line.agreed} of {line.guessed} agreed.</p>")
        out.append(_svg(pack, look, line.claim_id, title))
        if line.reasons:
            out.append("<ul>")
            out.extend(f"<li>{_e(reason_line(pack, reason, names=names))}</li>"
                       for reason in line.reasons)
            out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_debrief(pack: Pack, look: ClassLook, folder: Path, *, names: bool = False
                  ) -> list[Path]:
    """Write the debrief as Markdown and HTML in ``folder``; the files written."""
    from reader.storage import atomic_write_bytes
    from reader.work import name_part

    folder.mkdir(parents=True, exist_ok=True)
    stem = f"debrief-{name_part(pack.meta.title)}--{dt.datetime.now():%Y-%m-%d-%H%M}"
    written = []
    for suffix, text in ((".md", report_markdown(look.report, pack, names=names)),
                         (".html", debrief_html(pack, look, names=names))):
        path = folder / f"{stem}{suffix}"
        atomic_write_bytes(path, text.encode("utf-8"), backup=False, shared=True)
        written.append(path)
    return written

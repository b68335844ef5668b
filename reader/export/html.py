"""One self-contained HTML file: printable, readable on a phone, no external assets, no script.

Every piece of pack and article text is escaped; web addresses become links only when they are
``http`` or ``https`` and are shown in full so a printed copy still carries them.
"""

from __future__ import annotations

__all__ = ["render_html"]

import html
import re

from reader.export.common import (
    ExportContext,
    agreement_words,
    article_pieces,
    footnote_checks,
    verdict_words,
)
from reader.model import STANCE_WORDS, Claim
from reader.panel import LATERAL_READING_PROMPTS, claim_kind_words, source_details
from reader.text.sanitize import sanitize_for_display

_SAFE_URL = re.compile(r"https?://[^\s\"'<>\x00-\x1f\x7f-\x9f]+")

STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --rule: #ccc; --mark: #fff3c4; --good: #1e6b34;
        --bad: #9c1c1c; --mixed: #7a5200; --neutral: #444; }
* { box-sizing: border-box; }
body { font: 17px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto;
       max-width: 46rem; padding: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--rule); margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin-top: 2rem; }
.meta, .legend, .muted { color: var(--muted); font-size: .9rem; }
a.claim { font: bold .8rem/1 sans-serif; text-decoration: none; background: var(--mark);
          padding: 0 .25em; border-radius: .2em; color: var(--ink); }
.note-def { color: var(--muted); font-size: .9rem; border-left: 3px solid var(--rule);
            padding-left: .6rem; }
blockquote { margin: .5rem 0; padding-left: .8rem; border-left: 3px solid var(--rule); }
.verdict { font-family: sans-serif; font-weight: bold; }
.tone-good { color: var(--good); } .tone-bad { color: var(--bad); }
.tone-mixed { color: var(--mixed); } .tone-neutral { color: var(--neutral); }
.account { margin: .4rem 0; }
.stance { font-style: italic; }
.student { background: #eef4ff; border-left: 3px solid #4a6fb5; padding: .4rem .6rem; }
.url { word-break: break-all; font-size: .85rem; }
pre { white-space: pre-wrap; font-size: .85rem; }
.blank { display: inline-block; min-width: 12rem; border-bottom: 1px solid var(--ink); }
.worksheet p.answer { margin: 1.2rem 0; }
/* Printed: compact. Each account on one line (the addresses are in the screen version),
   smaller type and margins, no forced page breaks: about a third of the pages. */
@media print {
  @page { margin: 14mm 13mm; }
  body { max-width: none; font-size: 9.5pt; line-height: 1.3; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2 { margin-top: 1.2rem; font-size: 12pt; }
  h3 { margin: .9rem 0 .2rem; font-size: 10.5pt; }
  h4 { margin: .3rem 0 .1rem; font-size: 9.5pt; }
  p, ul, blockquote { margin: .25rem 0; }
  ul { padding-left: 1.2rem; }
  .account { margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .account br, .account .url, .account .muted { display: none; }
  h3, h4 { break-after: avoid; }
}
""".strip()


def _e(text: str) -> str:
    return html.escape(sanitize_for_display(text), quote=True)


def _link(url: str | None) -> str:
    if not url or not _SAFE_URL.fullmatch(url):
        return _e(url or "")
    safe = _e(url)
    return f'<a class="url" href="{safe}">{safe}</a>'


def render_html(ctx: ExportContext) -> str:
    pack = ctx.pack
    meta = pack.meta
    parts: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="' + _e(meta.language or "en") + '">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(meta.title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(meta.title)}</h1>",
    ]
    byline = " · ".join(_e(part) for part in meta.byline())
    if byline:
        parts.append(f'<p class="meta">{byline}</p>')
    if meta.url:
        parts.append(f'<p class="meta">{_link(meta.url)}</p>')
    if ctx.work is not None:
        who = ctx.work.student or "(no name given)"
        parts.append(
            f'<p class="meta">Fact-check journal of <strong>{_e(who)}</strong>, '
            f"exported {ctx.today.isoformat()}.</p>"
        )
    legend = "; ".join(f"{_e(v.glyph)} {_e(v.label)}" for v in pack.scale.verdicts)
    parts.append(
        f'<p class="legend">Verdicts: {legend}. Claim markers such as '
        '<a class="claim">C7</a> link to the fact checks after the article.</p>'
    )
    if ctx.quiz:
        parts.append('<p class="legend">A worksheet: the reviewer\'s verdicts are left out. '
                     "For each claim, write your verdict, how sure you are and why.</p>")
    parts.append("<h2>The article</h2>")
    for kind, pieces in article_pieces(pack):
        inner = "".join(
            _e(p) if isinstance(p, str) else f' <a class="claim" href="#c{p}" id="m{p}">C{p}</a>'
            for p in pieces
        ).strip()
        if kind == "heading":
            parts.append(f"<h3>{inner}</h3>")
        elif kind == "code":
            parts.append(f"<pre>{inner}</pre>")
        elif kind == "note":
            parts.append(f'<p class="note-def">{inner}</p>')
        else:
            parts.append(f"<p>{inner}</p>")
    parts.extend(_footnotes(ctx))
    parts.append("<h2>Fact checks</h2>")
    for claim in pack.claims:
        parts.extend(_worksheet_claim(ctx, claim) if ctx.hidden(claim) else _claim(ctx, claim))
    if ctx.work is not None and ctx.unanchored_notes:
        parts.append("<h2>Notes whose sentence is no longer in the article</h2><ul>")
        for note in ctx.unanchored_notes:
            parts.append(f"<li>On “{_e(note.quote)}”: {_e(note.text)}</li>")
        parts.append("</ul>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _footnotes(ctx: ExportContext) -> list[str]:
    """The reviewer's cards on the article's own footnotes, as the panel shows them."""
    checks = footnote_checks(ctx.pack)
    if not checks:
        return []
    out = ["<h2>The article's footnotes, checked</h2>", "<ul>"]
    for check in checks:
        item = f"<li><strong>[{_e(check.label)}]</strong> {_e(check.text)}"
        if check.cited:
            detail = "; ".join(_e(d) for d in check.details)
            item += (f"<br>Cited item: {_e(check.cited)}"
                     + (f' <span class="muted">({detail})</span>' if detail else "")
                     + (f"<br>{_link(check.url)}" if check.url else ""))
        if check.note:
            item += f"<br>Reviewer: {_e(check.note)}"
        out.append(item + "</li>")
    return [*out, "</ul>"]


def _worksheet_claim(ctx: ExportContext, claim: Claim) -> list[str]:
    """A claim on a worksheet: the quote and what to ask, and room for the student's call."""
    number = ctx.numbers[claim.id]
    out = [
        f'<section class="claim worksheet" id="c{number}">',
        f'<h3><a href="#m{number}">C{number}</a></h3>',
        f"<blockquote>{_e(claim.quote)}</blockquote>",
    ]
    if claim.kind:
        out.append(f'<p class="muted">Kind of claim: {_e(claim_kind_words(claim.kind))}</p>')
    out.append("<h4>Before you decide</h4><ul>")
    out.extend(f"<li>{_e(p)}</li>" for p in (*claim.prompts, *LATERAL_READING_PROMPTS))
    out.append("</ul>")
    out.append('<p class="answer">Your verdict: <span class="blank"></span> '
               "How sure: low / medium / high</p>")
    out.append('<p class="answer">Why: <span class="blank" style="min-width: 30rem"></span></p>')
    out.append("</section>")
    return out


def _claim(ctx: ExportContext, claim: Claim) -> list[str]:
    pack = ctx.pack
    number = ctx.numbers[claim.id]
    verdict = pack.scale.get(claim.verdict)
    tone = verdict.tone if verdict else "neutral"
    out = [
        f'<section class="claim" id="c{number}">',
        f'<h3><a href="#m{number}">C{number}</a> — '
        f'<span class="verdict tone-{_e(tone)}">{_e(verdict_words(pack, claim.verdict))}'
        "</span></h3>",
        f"<blockquote>{_e(claim.quote)}</blockquote>",
    ]
    if not claim.anchor.found:
        out.append('<p class="muted">This quote could not be placed in the article.</p>')
    if claim.summary:
        out.append(f"<p>{_e(claim.summary)}</p>")
    if ctx.work is not None:
        guess = ctx.guess_for(claim)
        if guess is None:
            out.append('<p class="student">Your guess: none recorded.</p>')
        else:
            agreed = agreement_words(guess, claim)
            out.append(
                f'<p class="student">Your guess: {_e(verdict_words(pack, guess.verdict))} '
                f"({_e(guess.confidence)} confidence; {agreed}) — "
                f"{_e(guess.reason) or 'no reason given'}</p>"
            )
    if claim.accounts:
        out.append("<h4>Accounts</h4>")
        for account in claim.accounts:
            source = pack.sources.get(account.source)
            name = (source.publisher or source.title) if source else account.source
            details = source_details(source) if source is not None else []
            detail = "; ".join(_e(d) for d in details)
            line = (
                f'<div class="account"><strong>{_e(name)}</strong>'
                + (f' <span class="muted">({detail})</span>' if detail else "")
                + f' — <span class="stance">'
                f"{_e(STANCE_WORDS.get(account.stance, account.stance))}</span>: "
                + _e(account.says)
            )
            if account.quote:
                line += f" “{_e(account.quote)}”"
            if source is not None and source.url:
                line += f"<br>{_link(source.url)}"
            out.append(line + "</div>")
    for title, items in (("Reviewer notes", claim.notes), ("Questions", claim.questions)):
        if items:
            out.append(f"<h4>{title}</h4><ul>")
            out.extend(f"<li>{_e(item)}</li>" for item in items)
            out.append("</ul>")
    if ctx.work is not None:
        for note in ctx.notes_for(claim):
            out.append(f'<p class="student">Your note: {_e(note.text)}</p>')
    out.append("</section>")
    return out

"""A fact-check journal in Markdown: a handout, or (with the student's notes) work to hand in."""

from __future__ import annotations

__all__ = ["md_escape", "render_markdown"]

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

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>#|"})


def _escape(text: str) -> str:
    return sanitize_for_display(text).translate(_MD_SPECIAL)


def _md(text: str) -> str:
    """Pack text shown literally in Markdown (markup escaped), on one line."""
    return " ".join(_escape(text).split())


md_escape = _md


def render_markdown(ctx: ExportContext) -> str:
    pack = ctx.pack
    meta = pack.meta
    out: list[str] = [f"# {_md(meta.title)}", ""]
    byline = " · ".join(_md(part) for part in meta.byline())
    if byline:
        out += [byline, ""]
    if meta.url:
        out += [f"<{sanitize_for_display(meta.url)}>", ""]
    if ctx.work is not None:
        who = ctx.work.student or "(no name given)"
        out += [f"Fact-check journal of **{_md(who)}**, exported {ctx.today.isoformat()}.", ""]
    out += [
        "Verdicts: "
        + "; ".join(f"{v.glyph} {_md(v.label)}" for v in pack.scale.verdicts)
        + ". Claim markers such as **[C7]** point to the fact checks after the article.",
        "",
    ]
    if ctx.quiz:
        out += ["A worksheet: the reviewer's verdicts are left out. For each claim, write your "
                "verdict, how sure you are and why.", ""]
    out += ["## The article", ""]
    for kind, pieces in article_pieces(pack):
        text = "".join(_escape(p) if isinstance(p, str) else f" **[C{p}]**" for p in pieces).strip()
        if kind == "heading":
            out.append(f"### {text}")
        elif kind == "code":
            raw = "".join(p for p in pieces if isinstance(p, str))
            out += ["```", sanitize_for_display(raw).replace("```", "ˋˋˋ"), "```"]
        elif kind == "note":
            out.append(f"> {text}")
        else:
            out.append(text)
        out.append("")
    out += _footnotes(ctx)
    out += ["## Fact checks", ""]
    for claim in pack.claims:
        out += _worksheet_claim(ctx, claim) if ctx.hidden(claim) else _claim(ctx, claim)
    if ctx.work is not None and ctx.unanchored_notes:
        out += ["## Notes whose sentence is no longer in the article", ""]
        for note in ctx.unanchored_notes:
            out += [f"- On “{_md(note.quote)}”: {_md(note.text)}"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _footnotes(ctx: ExportContext) -> list[str]:
    """The reviewer's cards on the article's own footnotes, as the panel shows them."""
    checks = footnote_checks(ctx.pack)
    if not checks:
        return []
    out = ["## The article's footnotes, checked", ""]
    for check in checks:
        out.append(f"- **[{_md(check.label)}]** {_md(check.text) or '(no text in the article)'}")
        if check.cited:
            detail = "; ".join(_md(d) for d in check.details)
            out.append(f"  - Cited item: {_md(check.cited)}" + (f" ({detail})" if detail else "")
                       + (f" <{sanitize_for_display(check.url)}>" if check.url else ""))
        if check.note:
            out.append(f"  - Reviewer: {_md(check.note)}")
    return [*out, ""]


def _worksheet_claim(ctx: ExportContext, claim: Claim) -> list[str]:
    """A claim on a worksheet: the quote and what to ask, and room for the student's call."""
    out = [f"### C{ctx.numbers[claim.id]}", "", f"> {_md(claim.quote)}", ""]
    if claim.kind:
        out += [f"Kind of claim: {_md(claim_kind_words(claim.kind))}", ""]
    out += ["**Before you decide**", ""]
    out += [f"- {_md(prompt)}" for prompt in (*claim.prompts, *LATERAL_READING_PROMPTS)]
    out += ["", "**Your verdict:** ____________________  **How sure:** low / medium / high", "",
            "**Why:** ____________________________________________________________", ""]
    return out


def _claim(ctx: ExportContext, claim: Claim) -> list[str]:
    pack = ctx.pack
    number = ctx.numbers[claim.id]
    out = [
        f"### C{number} — {_md(verdict_words(pack, claim.verdict))}",
        "",
        f"> {_md(claim.quote)}",
        "",
    ]
    if not claim.anchor.found:
        out += ["*This quote could not be placed in the article.*", ""]
    if claim.summary:
        out += [_md(claim.summary), ""]
    guess = ctx.guess_for(claim)
    if ctx.work is not None:
        if guess is None:
            out += ["**Your guess:** none recorded.", ""]
        else:
            agreed = agreement_words(guess, claim)
            out += [
                f"**Your guess:** {_md(verdict_words(pack, guess.verdict))} "
                f"({guess.confidence} confidence; {agreed}) — "
                f"{_md(guess.reason) or 'no reason given'}",
                "",
            ]
    if claim.accounts:
        out += ["**Accounts**", ""]
        for account in claim.accounts:
            source = pack.sources.get(account.source)
            name = _md(source.publisher or source.title) if source else _md(account.source)
            details = source_details(source) if source is not None else []
            detail = "; ".join(_md(d) for d in details)
            line = (
                f"- **{name}**"
                + (f" ({detail})" if detail else "")
                + f" — *{STANCE_WORDS.get(account.stance, account.stance)}*: "
                + _md(account.says)
            )
            if account.quote:
                line += f" “{_md(account.quote)}”"
            if source is not None and source.url:
                line += f" <{sanitize_for_display(source.url)}>"
            out.append(line)
        out.append("")
    for title, items in (("Reviewer notes", claim.notes), ("Questions", claim.questions)):
        if items:
            out += [f"**{title}**", ""] + [f"- {_md(item)}" for item in items] + [""]
    if ctx.work is not None:
        for note in ctx.notes_for(claim):
            out += [f"**Your note:** {_md(note.text)}", ""]
    return out

"""Machine-readable exports: schema.org ClaimReview and W3C Web Annotation JSON-LD.

ClaimReview (https://schema.org/ClaimReview): one review per reviewed claim, with the
``reviewRating``'s ``alternateName`` (the verdict's word) and ``ratingExplanation`` (the
summary), and ``itemReviewed``, the Claim, with its ``appearance`` (the article).

Web Annotation (https://www.w3.org/TR/annotation-model/): an ``AnnotationCollection`` whose
annotations target the article with a ``TextQuoteSelector`` and a ``TextPositionSelector``
(character offsets into the article's text after its byte-order mark is dropped and its line
endings made ``\\n``). Verdicts are ``assessing``, discussion questions ``questioning``, the
student's notes ``commenting``. A collection can be read back as notes with
:func:`notes_from_annotations`.
"""

from __future__ import annotations

__all__ = ["AnnotationImportError", "claimreview", "notes_from_annotations", "web_annotations"]

import datetime as dt
from typing import Any

from reader.export.common import ExportContext
from reader.notes import StudentNote, context_around

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ORDINAL = {"supported": 5, "needs-context": 4, "disputed": 3, "misleading": 2, "false": 1}


def _article_id(ctx: ExportContext) -> str:
    return ctx.pack.meta.url or f"urn:lateral:article:{ctx.key}"


def claimreview(ctx: ExportContext, reviewer: str | None = None) -> list[dict[str, Any]]:
    pack = ctx.pack
    meta = pack.meta
    author = {
        "@type": "Organization",
        "name": reviewer or f"Reviewers of the lateral-reader pack “{meta.title}”",
    }
    claimant_name = meta.author or meta.publisher
    reviews: list[dict[str, Any]] = []
    for claim in pack.claims:
        verdict = pack.scale.get(claim.verdict)
        if verdict is None:
            continue  # not reviewed yet
        rating: dict[str, Any] = {
            "@type": "Rating",
            "alternateName": verdict.label,
            "name": verdict.label,
        }
        if claim.summary:
            rating["ratingExplanation"] = claim.summary
        if claim.verdict in ORDINAL and pack.scale.ids == _default_ids():
            rating.update(ratingValue=ORDINAL[claim.verdict], bestRating=5, worstRating=1)
        item: dict[str, Any] = {
            "@type": "Claim",
            "appearance": [
                {"@type": "CreativeWork", "url": _article_id(ctx), "headline": meta.title}
            ],
        }
        if claimant_name:
            item["author"] = {
                "@type": "Person" if meta.author else "Organization",
                "name": claimant_name,
            }
        if meta.published:
            item["datePublished"] = meta.published.isoformat()
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"urn:lateral:{ctx.key}#{claim.id}",
                "claimReviewed": " ".join(claim.quote.split()),
                "author": author,
                "datePublished": ctx.today.isoformat(),
                "reviewRating": rating,
                "itemReviewed": item,
            }
        )
    return reviews


def _default_ids() -> tuple[str, ...]:
    from reader.model import DEFAULT_SCALE

    return DEFAULT_SCALE.ids


def _target(ctx: ExportContext, start: int, end: int) -> dict[str, Any]:
    text = ctx.pack.article.text
    prefix, suffix = context_around(text, start, end)
    return {
        "source": _article_id(ctx),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": text[start:end],
                "prefix": prefix,
                "suffix": suffix,
            },
            {"type": "TextPositionSelector", "start": start, "end": end},
        ],
    }


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def web_annotations(ctx: ExportContext, include_student: bool = False) -> dict[str, Any]:
    pack = ctx.pack
    items: list[dict[str, Any]] = []
    for claim in pack.claims:
        if not claim.anchor.found:
            continue
        target = _target(ctx, claim.anchor.start, claim.anchor.end)
        verdict = pack.scale.get(claim.verdict)
        if verdict is not None:
            items.append(
                _annotation(
                    f"urn:lateral:{ctx.key}:claim:{claim.id}",
                    "assessing",
                    target,
                    f"{verdict.label}: {claim.summary or ''}".strip(),
                    {"verdict": verdict.id},
                )
            )
        for number, question in enumerate(claim.questions, start=1):
            items.append(
                _annotation(
                    f"urn:lateral:{ctx.key}:claim:{claim.id}:question:{number}",
                    "questioning",
                    target,
                    question,
                )
            )
    if include_student and ctx.work is not None:
        for note in ctx.work.notes:
            items.append(_student_note(ctx, note))
        claims = {c.id: c for c in pack.claims}
        for guess in ctx.work.guesses.values():
            guessed = claims.get(guess.claim)
            if guessed is None or not guessed.anchor.found:
                continue
            verdict = pack.scale.get(guess.verdict)
            label = verdict.label if verdict else guess.verdict
            anno = _annotation(
                f"urn:lateral:{ctx.key}:guess:{guess.claim}",
                "assessing",
                _target(ctx, guessed.anchor.start, guessed.anchor.end),
                f"My guess: {label} ({guess.confidence} confidence). {guess.reason}".strip(),
                {"verdict": guess.verdict, "confidence": guess.confidence},
            )
            if guess.created:
                anno["created"] = _when(guess.created)
            if ctx.work.student:
                anno["creator"] = {"type": "Person", "name": ctx.work.student}
            items.append(anno)
    return {
        "@context": ANNO_CONTEXT,
        "id": f"urn:lateral:{ctx.key}:annotations",
        "type": "AnnotationCollection",
        "label": pack.meta.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def _annotation(
    anno_id: str,
    motivation: str,
    target: dict[str, Any],
    text: str,
    extra: dict[str, str] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "TextualBody",
        "value": text,
        "format": "text/plain",
        "purpose": motivation,
    }
    annotation: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": anno_id,
        "type": "Annotation",
        "motivation": motivation,
        "body": body,
        "target": target,
    }
    if extra:
        annotation["lateral:data"] = extra
    return annotation


def _student_note(ctx: ExportContext, note: StudentNote) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": note.quote,
            "prefix": note.prefix,
            "suffix": note.suffix,
        },
    ]
    if note.start >= 0:
        selectors.append(
            {
                "type": "TextPositionSelector",
                "start": note.start,
                "end": note.start + len(note.quote),
            }
        )
    anno = _annotation(
        f"urn:lateral:{ctx.key}:note:{note.id}",
        "commenting",
        {"source": _article_id(ctx), "selector": selectors},
        note.text,
    )
    if note.created:
        anno["created"] = _when(note.created)
    if note.updated:
        anno["modified"] = _when(note.updated)
    if ctx.work is not None and ctx.work.student:
        anno["creator"] = {"type": "Person", "name": ctx.work.student}
    return anno


class AnnotationImportError(ValueError):
    """The file is not a Web Annotation collection this reader can take notes from."""


def notes_from_annotations(data: Any) -> list[StudentNote]:
    """The ``commenting`` annotations of a collection (or a list of annotations), as notes."""
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        first = data.get("first")
        items = first.get("items") if isinstance(first, dict) else None
    elif isinstance(data, dict) and data.get("type") == "Annotation":
        items = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise AnnotationImportError("expected a Web Annotation collection or annotation")
    if not isinstance(items, list):
        raise AnnotationImportError("the collection has no items")
    notes: list[StudentNote] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or item.get("motivation") != "commenting":
            continue
        body = item.get("body")
        target = item.get("target")
        if not isinstance(body, dict) or not isinstance(target, dict):
            raise AnnotationImportError(f"annotation {number}: body and target must be objects")
        selectors = target.get("selector", [])
        if isinstance(selectors, dict):
            selectors = [selectors]
        quote = next(
            (s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"),
            None,
        )
        position = next(
            (
                s
                for s in selectors
                if isinstance(s, dict) and s.get("type") == "TextPositionSelector"
            ),
            None,
        )
        if quote is None or not isinstance(quote.get("exact"), str):
            raise AnnotationImportError(f"annotation {number}: no TextQuoteSelector")
        text = body.get("value")
        if not isinstance(text, str):
            raise AnnotationImportError(f"annotation {number}: the body has no text value")
        note_id = str(item.get("id", f"imported-{number}")).rsplit(":", 1)[-1]
        notes.append(
            StudentNote(
                id=note_id,
                quote=quote["exact"],
                text=text,
                start=int(position["start"])
                if position and isinstance(position.get("start"), int)
                else -1,
                prefix=str(quote.get("prefix", "")),
                suffix=str(quote.get("suffix", "")),
                created=_parse_when(item.get("created")),
                updated=_parse_when(item.get("modified")),
            )
        )
    return notes


def _parse_when(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None

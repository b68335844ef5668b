"""The bundled packs: clean under `lateral check`, and as full as they were when written.

The figures here are floors: a later edit may add to the packs but cannot silently shrink them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.model import Pack
from reader.pack.load import load_pack
from reader.resources import bundled_packs

from .conftest import BUNDLED, RAW_ARTICLE, ROOT

TUTORIAL = ROOT / "data" / "articles" / "tutorial"
NAV_LINES = {
    "Site icon Occasional Digest",
    "Occasional Digest - a story for you",
    "Source link",
    "Exit mobile version",
}


def load(path: Path) -> Pack:
    result = load_pack(path)
    assert result.problems == [], [p.format() for p in result.problems]
    assert result.pack is not None
    return result.pack


@pytest.fixture(scope="module")
def closing() -> Pack:
    return load(BUNDLED)


def test_bundled_packs_are_found_default_first() -> None:
    names = [p.name for p in bundled_packs()]
    assert names[0] == "closing-the-circle" and "tutorial" in names


def test_article_is_the_raw_copy_without_site_navigation() -> None:
    raw = RAW_ARTICLE.read_text(encoding="utf-8")
    kept = [line for line in raw.split("\n") if line not in NAV_LINES]
    expected = "\n".join(kept).strip("\n")
    article = (BUNDLED / "article.md").read_text(encoding="utf-8").strip("\n")
    title = "Closing the circle: starting from scratch"
    assert article.startswith(f"# {title}\n")
    assert " ".join(article.replace(f"# {title}", title, 1).split()) == " ".join(expected.split())
    assert "As of October 3, 2003" in article and "[17] lham Aliyev" in article


def test_coverage_of_closing_the_circle(closing: Pack) -> None:
    article = closing.article
    assert article.paragraph_count == 26 and len(article.footnotes) == 17
    claims = closing.claims
    assert len(claims) >= 65
    assert all(c.anchor.status == "exact" for c in claims)
    assert all(c.verdict and c.summary for c in claims)
    assert all(c.notes for c in claims), "every claim has a reviewer note"
    assert sum(1 for c in claims if c.questions) >= 63
    assert sum(len(c.accounts) for c in claims) >= 212
    assert [c.id for c in claims if len(c.accounts) < 2] == []
    perspectives = [
        len({closing.sources[a.source].perspective for a in c.accounts}) for c in claims
    ]
    assert sum(1 for n in perspectives if n >= 2) >= 62
    assert set(closing.footnote_cards) == {str(n) for n in range(1, 18)}
    assert all(card.note and card.source for card in closing.footnote_cards.values())
    for source in closing.sources.values():
        assert source.kind and source.perspective, source.id


def test_every_body_paragraph_has_a_claim(closing: Pack) -> None:
    article = closing.article
    with_claims = {article.sentences[s].block for c in closing.claims for s in c.sentences}
    paragraphs = [b.index for b in article.blocks if b.kind == "paragraph"]
    missing = [p for p in paragraphs if p not in with_claims]
    # The opening paragraph is conflict theory and paragraph 10 a one-line transition.
    assert missing == [1, 10]


def test_objective_errors_are_claims_of_their_own(closing: Pack) -> None:
    by_id = {c.id: c for c in closing.claims}
    for claim_id, words in [
        ("aid-date-2003-typo", "October 3, 2003"),
        ("footnote-17-name-misspelled", "lham Aliyev"),
        ("delimited-state-border", "delimited state border"),
        ("first-meeting-march-1", "first meeting"),
        ("un-quotation-mark-never-opened", "religious structures”"),
    ]:
        claim = by_id[claim_id]
        assert words in claim.quote
        assert claim.verdict in ("false", "needs-context")


def test_state_and_government_sources_labelled_on_both_sides(closing: Pack) -> None:
    def perspectives(kind: str) -> str:
        return " ".join(
            (s.perspective or "").lower() for s in closing.sources.values() if s.kind == kind
        )

    for kind in ("government", "state-media"):
        text = perspectives(kind)
        assert "azerbaijan" in text and "armenia" in text, kind


def test_account_quotes_are_short(closing: Pack) -> None:
    for claim in closing.claims:
        for account in claim.accounts:
            if account.quote:
                assert len(account.quote.split()) <= 25, (claim.id, account.source)


def test_every_claim_has_prompts_for_guessing(closing: Pack) -> None:
    for claim in closing.claims:
        assert claim.prompts, claim.id
        for prompt in claim.prompts:
            assert len(prompt.split()) <= 25, (claim.id, prompt)
            # A prompt asks; it never announces the verdict it leads to.
            giveaways = ("this is false", "this is true", "typo", "misspel", "mistake")
            assert not any(word in prompt.lower() for word in giveaways), prompt


def test_what_happened_next_is_dated(closing: Pack) -> None:
    by_id = {c.id: c for c in closing.claims}
    notes = " ".join(by_id["peace-agreement-end-state-of-war"].notes)
    assert "As of February 2026" in notes and "initialled" in notes and "not signed" in notes
    newest = max(s.date for s in closing.sources.values() if s.date)
    assert f"newest source used: {newest.day} {newest:%B %Y}" in notes


def test_tutorial_pack() -> None:
    tutorial = load(TUTORIAL)
    assert len(tutorial.claims) >= 5
    assert {c.verdict for c in tutorial.claims} >= {"supported", "false", "opinion"}
    assert all(len(c.accounts) >= 2 for c in tutorial.claims)
    assert len(tutorial.article.footnotes) == 2


# Slips in the article's own text (a wrong year, a misspelt name) may rest on the article's own
# sources (../CONTENT.md); every other false or misleading verdict needs a source that is not
# a party.
TEXT_SLIPS = {"aid-date-2003-typo", "footnote-17-name-misspelled"}
PARTY_KINDS = {"government", "state-media", "advocacy"}
# outlets of one side that are not government or state media: those that follow a government's
# line, and Armenian and diaspora outlets that report from the Armenian side
SIDE_OUTLETS = {"trend", "report-az", "apa", "azernews", "news-az", "caspian-news", "turan",
                "azvision", "news-am", "panarmenian", "mediamax", "civilnet",
                "mirror-spectator", "asbarez"}


def _is_a_party(closing: Pack, source_id: str) -> bool:
    source = closing.sources[source_id]
    return (source.kind in PARTY_KINDS or source.outlet in SIDE_OUTLETS
            or "government line" in (source.perspective or "")
            or "pro-Armenian line" in (source.perspective or ""))


def test_no_false_or_misleading_verdict_rests_only_on_the_parties(closing: Pack) -> None:
    for claim in closing.claims:
        if claim.verdict not in ("false", "misleading") or claim.id in TEXT_SLIPS:
            continue
        independent = [a.source for a in claim.accounts if not _is_a_party(closing, a.source)]
        assert independent, claim.id


def _publisher(name: str) -> str:
    name = name.casefold()
    if name.endswith(")") and " (" in name:
        name = name[: name.rindex(" (")]
    return name.removeprefix("the ")


def test_every_outlet_with_more_than_one_card_is_described_once(closing: Pack) -> None:
    by_publisher: dict[str, set[tuple[str | None, ...]]] = {}
    for source in closing.sources.values():
        assert source.publisher
        by_publisher.setdefault(_publisher(source.publisher), set()).add(
            (source.outlet,) if source.outlet else (None, source.kind, source.perspective))
    for publisher, cards in by_publisher.items():
        # one outlet entry for all of its cards, or a single card describing itself
        assert len(cards) == 1, (publisher, cards)
    outlets = {s.outlet for s in closing.sources.values() if s.outlet}
    assert len(outlets) >= 30
    for outlet in outlets:
        same_outlet = [s for s in closing.sources.values() if s.outlet == outlet]
        assert len({c.publisher for c in same_outlet}) == 1
        described = {(c.perspective or "").split("; ")[0] for c in same_outlet}
        assert len(described) == 1, (outlet, described)

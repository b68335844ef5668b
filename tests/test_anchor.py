"""Anchoring quotes: exact, by context, folded; never moved to a lookalike."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reader.pack.anchor import Anchorer, closest_passage, find_all
from reader.text.fold import fold, fold_text

from .conftest import examples

TEXT = (
    "blocking of Lachin\u2011Khankendi road and a risk of a “humanitarian crisis”. "
    "pp. 24–\u00a026. the Second Karabakh War, then the Second Karabakh War again. "
    "R.Vardanyan left. caf\u00e9 and cafe\u0301."
)


@pytest.fixture(params=[False, True], ids=["scan", "word-index"])
def anchorer(request: pytest.FixtureRequest) -> Anchorer:
    return Anchorer(TEXT, use_index=request.param)


def test_find_all_counts_overlapping_matches() -> None:
    assert find_all("0000", "000") == [0, 1]
    assert "0000".count("000") == 1  # why str.count is not used


def test_unique_exact_match(anchorer: Anchorer) -> None:
    result = anchorer.anchor("R.Vardanyan left")
    assert result.status == "exact"
    assert TEXT[result.start : result.end] == "R.Vardanyan left"


def test_typography_is_folded(anchorer: Anchorer) -> None:
    for typed, shown in [
        ("blocking of Lachin-Khankendi road", "blocking of Lachin\u2011Khankendi road"),
        ('risk of a "humanitarian crisis"', "risk of a “humanitarian crisis”"),
        ("pp. 24- 26", "pp. 24–\u00a026"),
        ("pp.  24-  26", "pp. 24–\u00a026"),
    ]:
        result = anchorer.anchor(typed)
        assert result.status == "normalised", typed
        assert TEXT[result.start : result.end] == shown


def test_unicode_forms_are_folded(anchorer: Anchorer) -> None:
    result = anchorer.anchor("and caf\u00e9.")  # composed; the text has it decomposed here
    assert result.status == "normalised"
    assert TEXT[result.start : result.end] == "and cafe\u0301."
    exact = anchorer.anchor("caf\u00e9")  # the composed form is in the text once
    assert (exact.status, exact.start) == ("exact", TEXT.index("caf\u00e9"))


def test_repeated_quote_is_ambiguous_with_every_place(anchorer: Anchorer) -> None:
    result = anchorer.anchor("the Second Karabakh War")
    assert result.status == "ambiguous"
    assert [TEXT[s:e] for s, e in result.candidates] == ["the Second Karabakh War"] * 2


def test_prefix_and_suffix_pick_one(anchorer: Anchorer) -> None:
    by_suffix = anchorer.anchor("the Second Karabakh War", suffix=" again")
    assert by_suffix.status == "exact"
    assert TEXT[by_suffix.end : by_suffix.end + 6] == " again"
    by_prefix = anchorer.anchor("the Second Karabakh War", prefix="26. ")
    assert by_prefix.status == "exact"
    assert by_prefix.start < by_suffix.start


def test_loosely_typed_context_still_picks_one(anchorer: Anchorer) -> None:
    result = anchorer.anchor("the Second Karabakh War", prefix="pp. 24-  26.")
    assert result.status == "exact"


def test_lookalike_is_not_found(anchorer: Anchorer) -> None:
    assert anchorer.anchor("R. Vardanyan left").status == "not_found"
    assert anchorer.anchor("the Third Karabakh War").status == "not_found"
    assert anchorer.anchor("   ").status == "not_found"


def test_hint_is_used_first() -> None:
    anchorer = Anchorer(TEXT)
    second = TEXT.index("the Second Karabakh War again")
    result = anchorer.anchor("the Second Karabakh War", hint=second)
    assert (result.status, result.start) == ("exact", second)


def test_closest_passage_reports_similarity() -> None:
    text = "Intro sentence here. The river rose to 9.1 metres on 18 November. Unrelated."
    spans = [(0, 20, 0), (21, 65, 0), (66, 76, 0)]
    start, end, similarity = closest_passage(text, spans, "The river rose to 9.7 metres") or (
        0,
        0,
        0,
    )
    assert text[start:end].startswith("The river rose")
    assert 0.9 < similarity < 1


WORDS = st.sampled_from(
    [
        "The ",
        "ended. ",
        "Lachin\u2011Khankendi ",
        "“peace” ",
        "[3]. ",
        "R.Vardanyan ",
        "\u00a0",
        "\n\n",
        "Հայաստան ",
        "e\u0301 ",
        "conflict ",
        "territory ",
        "0",
        "00",
    ]
)
ARTICLES = st.lists(WORDS | st.text(max_size=10), min_size=1, max_size=40).map("".join).filter(bool)


@examples(2500)
@given(ARTICLES, st.data())
def test_quote_cut_from_text_anchors_back(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(quote.strip())
    assume(end == len(text) or not unicodedata.combining(text[end]))  # whole characters only
    for use_index in (False, True):
        anchorer = Anchorer(text, use_index=use_index)
        with_hint = anchorer.anchor(quote, hint=start)
        assert (with_hint.status, with_hint.start, with_hint.end) == ("exact", start, end)
        plain = anchorer.anchor(quote)
        whole = [
            s
            for s in find_all(text, quote)
            if s + len(quote) == len(text) or not unicodedata.combining(text[s + len(quote)])
        ]
        if len(whole) == 1:
            assert (plain.status, plain.start, plain.end) == ("exact", start, end)
        else:
            assert plain.status == "ambiguous"
            assert (start, end) in plain.candidates or len(plain.candidates) >= 20


@examples(2500)
@given(ARTICLES, st.text(max_size=30), st.integers(-5, 10**6))
def test_anchor_never_raises_and_stays_in_bounds(text: str, quote: str, hint: int) -> None:
    for use_index in (False, True):
        result = Anchorer(text, use_index=use_index).anchor(quote, hint=hint)
        assert result.status in ("exact", "normalised", "ambiguous", "not_found")
        if result.found:
            assert 0 <= result.start < result.end <= len(text)
            assert fold(text[result.start : result.end]).strip() == fold(quote).strip()


@examples(2500)
@given(ARTICLES)
def test_fold_map_points_at_the_same_characters(text: str) -> None:
    folded = fold_text(text)
    for index, char in enumerate(folded.folded):
        original = folded.to_original(index)
        assert 0 <= original < len(text)
        if char.isascii() and char.isalnum() and text[original].isascii():
            assert text[original] == char


@examples(2500)
@given(ARTICLES, st.data())
def test_typographic_variants_still_anchor(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(end == len(text) or not unicodedata.combining(text[end]))  # whole characters only
    assume(quote.strip() and len(find_all(fold(text), fold(quote).strip())) == 1)
    typed = (
        unicodedata.normalize("NFC", quote)
        .replace("\u2011", "-")
        .replace("“", '"')
        .replace("”", '"')
        .replace("\u00a0", " ")
        .replace("\n\n", " ")
    )
    result = Anchorer(text).anchor(typed)
    assert result.found
    assert fold(text[result.start : result.end]).strip() == fold(quote).strip()


def test_prepared_index_falls_back_for_unprepared_quotes() -> None:
    text = ("alpha bravo charlie delta echo foxtrot " * 50) + " the unusual sentence here."
    anchorer = Anchorer(text, use_index=True)
    anchorer.prepare(["bravo charlie delta"])
    assert anchorer.anchor("bravo charlie delta").status == "ambiguous"
    found = anchorer.anchor("the unusual sentence here")
    assert found.status == "exact" and text[found.start : found.end] == "the unusual sentence here"


@pytest.mark.parametrize("use_index", [False, True])
def test_runs_keyed_by_their_ending_find_every_occurrence(use_index: bool) -> None:
    # A book's repeated paragraphs differ only in a numbered run at their start: the quote's
    # first run is the rare one, and a quote may begin partway through a run of the text.
    text = "".join(f"**{n}.1** The same sentence again. " for n in range(1, 400))
    text += "(x**5.1** The same words."
    anchorer = Anchorer(text, use_index=use_index)
    unique = anchorer.anchor("**5.1** The same sentence")
    assert unique.status == "exact"
    assert text[unique.start - 1 : unique.end] == " **5.1** The same sentence"
    inside = anchorer.anchor("x**5.1** The same words")
    assert inside.status == "exact" and text[inside.start - 1] == "("
    twice = anchorer.anchor("**5.1** The same")
    assert twice.status == "ambiguous" and len(twice.candidates) == 2
    every = anchorer.anchor("The same sentence again.")
    assert every.status == "ambiguous" and len(every.candidates) == 20

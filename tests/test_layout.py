"""Wrapping: the fast path agrees with the careful one; nothing is lost; widths hold."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.layout import (
    Layout,
    _single_width,
    _wide_or_zero,
    _wrap_cells,
    scroll_thumb,
    scroll_top_for,
    wrap_preformatted,
    wrap_runs,
    wrap_span,
)
from reader.text.article import parse_article

WORDS = st.sampled_from(
    [
        "a",
        "bb",
        "word",
        "Lachin‑Khankendi",
        "x" * 40,
        " ",
        "  ",
        "\n",
        "“quote”",
        "[3].",
        "Հայաստան",
        "ə",
        "—",
    ]
)
SINGLE_WIDTH = st.lists(WORDS, max_size=40).map(" ".join)
ANY_TEXT = st.lists(WORDS | st.sampled_from(["中文", "e\u0301", "👍", "\u200b"]), max_size=30).map(
    " ".join
)


@given(SINGLE_WIDTH, st.integers(1, 80))
def test_regular_expression_wrap_matches_cell_wrap(text: str, width: int) -> None:
    assert wrap_span(text, 0, len(text), width) == _wrap_cells(text, 0, len(text), width)


@given(ANY_TEXT, st.integers(2, 80))
def test_wrap_keeps_every_word_and_the_width(text: str, width: int) -> None:
    lines = wrap_span(text, 0, len(text), width)
    for start, end in lines:
        assert cell_len(text[start:end]) <= width or end - start == 1
        assert not text[start].isspace() and not text[end - 1].isspace()
    covered = "".join(text[s:e] for s, e in lines)
    assert covered.replace(" ", "").replace("\n", "") == "".join(text.split())


@given(
    st.lists(st.tuples(st.text(max_size=30), st.sampled_from(["a", "b"])), max_size=6),
    st.integers(1, 40),
)
def test_wrap_runs_loses_only_spaces(runs: list[tuple[str, str]], width: int) -> None:
    lines = wrap_runs(runs, width)
    for line in lines:
        assert sum(cell_len(text) for text, _ in line) <= width or len(line) == 1
    flat = "".join(text for line in lines for text, _ in line)
    original = "".join(text for text, _ in runs).replace("\n", " ")
    assert "".join(flat.split()) == "".join(original.split())


def test_code_keeps_its_lines() -> None:
    text = "```\nx = [1, 2]\n\n    indented\n```"
    lines = wrap_preformatted(text, 0, len(text), 8)
    assert [text[s:e] for s, e in lines] == ["```", "x = [1, ", "2]", "", "    inde", "nted", "```"]


def test_every_sentence_maps_to_its_lines() -> None:
    text = "# Title\n\n" + " ".join(f"Sentence number {n} is here." for n in range(40))
    article, _ = parse_article(text)
    layout = Layout(article, text, 30)
    for sentence in article.sentences:
        first, last = layout.sentence_first[sentence.index], layout.sentence_last[sentence.index]
        assert layout.line_start[first] <= sentence.start < layout.line_end[first] + 1
        assert layout.line_start[last] < sentence.end <= layout.line_end[last]


def test_scroll_thumb_spans_the_share_on_view_and_meets_both_ends() -> None:
    assert scroll_thumb(10, 10, 0) is None  # everything fits: no bar
    assert scroll_thumb(10, 40, 0) == (0, 2)
    assert scroll_thumb(10, 40, 30) == (8, 10)  # the last line on view: thumb at the bottom
    assert scroll_thumb(10, 40, 99) == (8, 10)
    assert scroll_thumb(10, 10_000, 5_000) == (4, 5)  # never thinner than a row
    for top in range(0, 31):
        thumb = scroll_thumb(10, 40, top)
        assert thumb is not None
        start, end = thumb
        assert 0 <= start < end <= 10
        # Pressing the bar where the thumb is keeps the view about where it was.
        assert abs(scroll_top_for((start + end) // 2, 10, 40) - top) <= 4
    assert scroll_top_for(0, 10, 40) == 0
    assert scroll_top_for(9, 10, 40) == 30
    assert scroll_top_for(5, 10, 8) == 0


MIXED = st.text(
    st.sampled_from(
        "abZ9,.éßÿĀʰ\u02ff\u0300\u0301‐–—‘’“”•…‧\u2028\u200b\u200d"
        "ԱաЖλא\u05b0中文ｱ가😀\ufe0f\u0e31ह \n"
    ),
    max_size=40,
)


@given(MIXED, st.data())
def test_single_width_shortcut_agrees_with_the_full_pattern(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = _wide_or_zero().search(text, start, end) is None
    assert _single_width(text, start, end) == expected


def test_a_long_address_breaks_after_a_slash_not_mid_word() -> None:
    from reader.layout import wrap_runs

    url = "https://lawglobalhub.com/united-nations-security-council-resolution-853/armenia"
    lines = wrap_runs([(url, "url")], 46)
    texts = ["".join(text for text, _ in line) for line in lines]
    assert "".join(texts) == url
    assert all(t.endswith(("/", "-")) for t in texts[:-1]), texts
    assert all(len(t) <= 46 for t in texts)

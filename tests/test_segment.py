"""Sentence segmentation: the article's hard cases, the post-rules, the fallback, properties."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.pack.load import load_pack
from reader.text import segment as segment_module
from reader.text.segment import segment

from .conftest import BUNDLED, examples

GOLDEN = Path(__file__).parent / "golden" / "closing-the-circle.sentences.txt"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in segment(text)]


@pytest.fixture(scope="module")
def bundled_sentences() -> list[str]:
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    return [pack.article.sentence_text(i) for i in range(len(pack.article.sentences))]


# Passages of the bundled article that must stay inside one sentence.
NO_SPLIT = [
    "R.Vardanyan, former Moscow‑based Russian‑Armenian oligarch",
    "the leader of this de facto entity A.Harutyunyan in early November 2022",
    "Armenian Prime Minister N.Pashinyan has alleged",
    "the head of the illegal separatist regime S.Shahramanyan signed",
    "the first meeting of R.Mammadov, responsible",
    "led by V.Andreeva, UN Resident Coordinator",
    "forcibly expelled from their places of origin[3].",
    "against the Armenians.[2]",
    "preventing further provocations and attacks.”[10]",
    "following the latest ceasefire”.[14]",
    "staying (returning) to Karabakh[12] .",
    "the alleged blocking of Lachin‑Khankendi road",
    "on September 19-20, 2023 in this framework",
    "held on March 1, 2023, at the headquarters",
    "(the so-called ‘Parliament,’ ‘ministries,’ etc.) existing",
    "on 28 September, 2023.",
    "of their motherland”[9].",
]
# Pairs (end of one sentence, start of the next) that must be split.
MUST_SPLIT = [
    ("places of origin[3].", "Thus, more than 20,000"),
    ("motherland”[9].", "However, the main purpose"),
    ("latest ceasefire”.[14]", "Thus, it was also confirmed"),
    ("on 28 September, 2023.", "According to the said decree"),
    ("“humanitarian crisis”.", "However, vehicles belonging"),
    ("In the early stages", None),
]


@pytest.mark.parametrize("passage", NO_SPLIT)
def test_passage_stays_in_one_sentence(bundled_sentences: list[str], passage: str) -> None:
    assert any(passage in sentence for sentence in bundled_sentences), passage


@pytest.mark.parametrize(("end", "start"), MUST_SPLIT)
def test_boundary_is_split(bundled_sentences: list[str], end: str, start: str | None) -> None:
    if start is None:
        assert any(s.startswith(end) for s in bundled_sentences)
        return
    index = next(i for i, s in enumerate(bundled_sentences) if s.endswith(end))
    assert bundled_sentences[index + 1].startswith(start)


def test_bibliographic_abbreviations_do_not_split() -> None:  # rule R1
    text = "In: The Review of International Affairs, vol. 2, no. 1, autumn, 2002, pp. 24– 26."
    assert sentences(text) == [text]
    assert sentences("See p. 25 of the report. Next one.") == [
        "See p. 25 of the report.",
        "Next one.",
    ]


def test_opening_quote_moves_to_next_sentence() -> None:  # rule R2
    text = "Thomas Ambrosio. “Congressional Perceptions of Ethnic Cleansing.” In: Review."
    got = sentences(text)
    assert got[0] == "Thomas Ambrosio."
    assert got[1].startswith("“Congressional")


def test_markers_and_stray_punctuation_join_previous_sentence() -> None:  # rules R3, R4
    assert sentences("It ended here [12] . Then more.") == ["It ended here [12] .", "Then more."]
    assert sentences("First one. [3] Second one.") == ["First one. [3]", "Second one."]
    assert sentences("It ended. [^a] Next.") == ["It ended. [^a]", "Next."]
    assert sentences("A claim. . And more.") == ["A claim. .", "And more."]
    assert sentences('He left. "Why?" she asked.') == ["He left.", '"Why?" she asked.']


def test_panic_in_library_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    class Panic(BaseException):
        pass

    class Boom:
        @staticmethod
        def get_sentence_boundaries(lang: str, text: str) -> list[dict[str, int]]:
            raise Panic("simulated Rust panic")

    monkeypatch.setattr(segment_module, "_sentencex", Boom)
    assert sentences("One sentence. Another one.") == ["One sentence.", "Another one."]


def test_known_panic_input_is_safe() -> None:
    text = "Table A\xa0. After that, a sentence."
    spans = segment(text)
    assert spans and spans[-1][1] == len(text)


def test_fallback_segmenter_handles_the_basics(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment_module, "_sentencex", None)
    text = "Mr. Smith went to St. Petersburg. He said “yes.” Then R. Vardanyan left. Done!"
    assert sentences(text) == [
        "Mr. Smith went to St. Petersburg.",
        "He said “yes.”",
        "Then R. Vardanyan left.",
        "Done!",
    ]


ALPHABET = st.sampled_from(
    [
        "The ",
        "ended. ",
        "R.Vardanyan ",
        "“peace” ",
        "[3]. ",
        "vol. 2 ",
        "p.25 ",
        "\u00a0",
        " ",
        "Table A",
        "\u2009.",
        "?! ",
        "e\u0301 ",
        "Հայաստան։ ",
        "中文。",
        "\n",
        "(see: ",
        "etc.) ",
    ]
)


@examples(10000)
@given(st.lists(ALPHABET | st.text(max_size=6), max_size=30).map("".join))
def test_segments_cover_text_without_gaps_or_overlaps(text: str) -> None:
    spans = segment(text)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == "", "only whitespace between sentences"
        assert not text[start].isspace() and not text[end - 1].isspace()
        position = end
    assert text[position:].strip() == ""


def _golden_text() -> str:
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    article = pack.article
    lines = []
    for sentence in article.sentences:
        kind = article.blocks[sentence.block].kind
        marks = ",".join(sentence.footnotes) or "-"
        text = article.text[sentence.start : sentence.end].replace("\n", "⏎")
        lines.append(f"{sentence.index}\t{sentence.start}-{sentence.end}\t{kind}\t{marks}\t{text}")
    return "\n".join(lines) + "\n"


def test_golden_segmentation_of_bundled_article() -> None:
    """Review the diff of this file whenever the segmenter or its rules change."""
    actual = _golden_text()
    expected = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else ""
    if actual != expected:
        GOLDEN.with_suffix(".new").write_text(actual, encoding="utf-8")
    assert actual == expected, (
        f"segmentation changed: review {GOLDEN.with_suffix('.new').name} against "
        f"{GOLDEN.name} and replace it if the change is right"
    )

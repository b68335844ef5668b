"""Footnote markers and notes lists in the styles teachers paste."""

from __future__ import annotations

from reader.text.article import parse_article
from reader.text.canonical import canonicalize


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_article(canonicalize(text))


def body_kinds(text: str) -> list[str]:
    article, _ = parse(text)
    return [block.kind for block in article.blocks]


def test_numbered_list_without_heading() -> None:
    article, problems = parse(
        "# Title\n\nFirst claim.[1] Second claim.[2]\n\n[1] Source one – https://a.example/x\n"
        "[2] Source two."
    )
    assert list(article.footnotes) == ["1", "2"]
    assert article.footnotes["1"].urls == ("https://a.example/x",)
    assert article.footnotes["1"].text == "Source one – https://a.example/x"
    assert [m.label for m in article.markers] == ["1", "2"]
    assert article.sentences[article.markers[0].sentence].footnotes == ("1",)
    assert problems == []


def test_notes_heading_is_kept_as_heading() -> None:
    article, problems = parse("Body text.[1]\n\nReferences\n\n[1] A book.\n")
    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "note"]
    assert problems == []


def test_note_split_by_stray_blank_line_is_joined() -> None:
    text = (
        "Body.[1] More.[2]\n\n[1] Ambrosio. “Congressional Perceptions and\n\n"
        "the Influence.” In: Review.\n\n[2] Other."
    )
    article, problems = parse(text)
    assert (
        article.footnotes["1"].text
        == "Ambrosio. “Congressional Perceptions and the Influence.” In: Review."
    )
    assert list(article.footnotes) == ["1", "2"]
    assert problems == []


def test_repeated_list_is_reported_and_ignored() -> None:
    text = "Body.[1] More.[2]\n\n[1] One.\n\n[2] Two.\n\n[1] One.\n\n[2] Two.\n"
    article, problems = parse(text)
    assert list(article.footnotes) == ["1", "2"]
    assert [p.code for p in problems] == ["notes-repeated"]
    assert problems[0].line == 7


def test_run_on_list_on_one_line_is_split() -> None:
    article, _ = parse(
        "Body.[1] More.[2] Last.[3]\n\n[1] One. [2] Two – https://b.example [3] Three."
    )
    assert [(k, v.text) for k, v in article.footnotes.items()] == [
        ("1", "One."),
        ("2", "Two – https://b.example"),
        ("3", "Three."),
    ]


def test_markdown_footnotes_anywhere() -> None:
    text = (
        "Claim one.[^src] Claim two.[^2]\n\n[^src]: The source.\n\nMore body text.\n\n[^2]: Second."
    )
    article, problems = parse(text)
    assert list(article.footnotes) == ["^src", "^2"]
    assert [b.kind for b in article.blocks] == ["paragraph", "note", "paragraph", "note"]
    assert problems == []


def test_wikipedia_reference_list() -> None:
    text = (
        "The city was founded in 1850.[1] It grew fast.[2][3]\n\nReferences\n\n"
        '^ Smith, J. (2001). "History". Press.\n^ a b Jones (2003).\n^ "Census". Retrieved 2020.\n'
    )
    article, problems = parse(text)
    assert list(article.footnotes) == ["1", "2", "3"]
    assert article.footnotes["2"].text == "Jones (2003)."
    assert problems == []


def test_numbered_reference_list_with_carets() -> None:
    text = "Fact.[1] Other.[2]\n\nNotes\n\n1. ^ First source.\n2. ^ a b Second source."
    article, _ = parse(text)
    assert article.footnotes["2"].text == "Second source."


def test_gutenberg_footnotes_inside_the_text() -> None:
    text = (
        "He came in 1789.[1] They left.[A]\n\n[Footnote 1: See the letters of\nthe period.]\n\n"
        "Another paragraph.\n\n[Footnote A: A lettered note.]\n"
    )
    article, problems = parse(text)
    assert article.footnotes["1"].text == "See the letters of the period."
    assert article.footnotes["A"].text == "A lettered note."
    assert [b.kind for b in article.blocks] == ["paragraph", "note", "paragraph", "note"]
    assert problems == []


def test_multi_block_gutenberg_footnote() -> None:
    text = "Text.[1]\n\n[Footnote 1: A long note.\n\nIts second paragraph.]\n\nBody again."
    article, _ = parse(text)
    assert article.footnotes["1"].text == "A long note. Its second paragraph."
    assert article.blocks[-1].kind == "paragraph"


def test_orphans_are_reported_with_positions() -> None:
    _, problems = parse("Body.[1] Again.[4]\n\n[1] One.\n\n[2] Two.\n")
    assert [(p.code, p.line) for p in problems] == [("marker-undefined", 1), ("note-unused", 5)]


def test_links_and_years_are_not_markers() -> None:
    article, _ = parse("See [1](https://x.example) and [text][2] in [2023]. [sic] it.")
    assert article.markers == ()


def test_markers_attach_to_the_sentence_they_end() -> None:
    text = "Azerbaijanis were expelled from their places of origin[3]. Thus, more.\n\n[3] Src."
    article, _ = parse(text)
    (marker,) = article.markers
    assert article.sentence_text(marker.sentence).endswith("origin[3].")


def test_body_paragraph_starting_with_bracket_number_is_not_a_note() -> None:
    text = "[1] is how the list starts.\n\nAn ordinary paragraph.\n\nAnother one.\n\nAnd more."
    assert body_kinds(text)[:2] == ["paragraph", "paragraph"]


def test_bundled_article_notes() -> None:
    from reader.text.article import read_text_file

    from .conftest import BUNDLED

    article, problems = parse_article(read_text_file(BUNDLED / "article.md"))
    assert problems == []
    assert list(article.footnotes) == [str(n) for n in range(1, 18)]
    assert article.paragraph_count == 26
    assert "the Influence of Ethnic Interest Groups" in article.footnotes["2"].text
    assert article.footnotes["17"].urls == ("https://president.az/en/articles/view/61113",)

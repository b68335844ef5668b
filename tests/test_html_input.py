"""Reading a saved web page (``.html``): main text, metadata, footnotes, hostile input.

The pages in ``tests/corpus/html`` are real saved pages (see its SOURCES.md); the expected
sentences come from the readability and trafilatura test suites' expected outputs. Every test but
the one about the missing extra needs trafilatura (``pip install 'lateral-reader[html]'``).
"""

from __future__ import annotations

import re
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest.html import HtmlArticle, html_to_text
from reader.problems import ReaderError
from reader.text.footnotes import parse_layout

CORPUS = Path(__file__).parent / "corpus" / "html"


@pytest.fixture
def extractor() -> Any:
    return pytest.importorskip("trafilatura")


def _page(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body_and_notes(text: str) -> tuple[str, str]:
    body, _, notes = text.partition("\n\nNotes\n\n")
    return body, notes


PAGES: dict[str, dict[str, Any]] = {
    "v8-blog.html": {
        "title": "Outside the web: standalone WebAssembly binaries using Emscripten",
        "with": [
            "Emscripten has always focused first and foremost on compiling to the Web",
            "you can emit a standalone Wasm file from Emscripten with optional JS",
            "Please file bugs, and as always help is welcome!",
        ],
        "without": ["Retweet this article!", "Edit this page on GitHub", "Branding"],
        "paragraphs": 40,
    },
    "ebb-org.html": {
        "title": "On Recent Controversial Events",
        "with": [
            "The last 33 days have been unprecedentedly difficult for the software freedom",
            "IMO, this is not and has never been a Free Speech issue.",
        ],
        "without": ["Chasing Quick Fixes To Sustainability", "Pump.io Social Network"],
        "paragraphs": 10,
    },
    "wikimedia-turkey.html": {
        "title": "Access to Wikipedia restored in Turkey after more than two and a half years",
        "with": [
            "Today, on Wikipedia’s 19th birthday, the Wikimedia Foundation has received reports",
            "We will keep this statement updated",
        ],
        "without": [
            "Read further in the pursuit of knowledge",
            "Stay up-to-date on our work.",
            "Photo credits",
        ],
        "paragraphs": 5,
    },
    "wikipedia-tsne.html": {
        "title": "T-distributed stochastic neighbor embedding",
        "with": [
            "Given a set of high-dimensional objects",
            "Herein a heavy-tailed Student t-distribution",
            "is a machine learning algorithm for visualization developed by Laurens van der "
            "Maaten and Geoffrey Hinton.[1]",
        ],
        "without": ["Categories:", "Conditional random field", "Jump to navigation", "[edit]"],
        "paragraphs": 15,
    },
}


@pytest.fixture(scope="module")
def articles() -> dict[str, HtmlArticle]:
    pytest.importorskip("trafilatura")
    return {name: html_to_text(_page(name), url=None) for name in PAGES}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_title_and_main_text(articles: dict[str, HtmlArticle], name: str) -> None:
    article, expected = articles[name], PAGES[name]
    assert article.title == expected["title"]
    flat = _flat(article.text)
    for sentence in expected["with"]:
        assert sentence in flat, sentence
    for boilerplate in expected["without"]:
        assert boilerplate not in flat, boilerplate
    assert article.extractor.startswith("trafilatura ")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_paragraphs_are_separated_by_one_blank_line(
    articles: dict[str, HtmlArticle], name: str
) -> None:
    text = articles[name].text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert len(text.split("\n\n")) >= PAGES[name]["paragraphs"]
    assert not any(line != line.rstrip() for line in text.splitlines())
    # the page's <h1> is the title and is not repeated as the first paragraph
    assert text.split("\n\n")[0] != articles[name].title


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_control_characters(articles: dict[str, HtmlArticle], name: str) -> None:
    article = articles[name]
    for value in (article.text, article.title, article.author, article.site, article.url):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad]", value or "")


def test_metadata(articles: dict[str, HtmlArticle]) -> None:
    turkey = articles["wikimedia-turkey.html"]
    assert turkey.date == "2020-01-15"
    assert turkey.author == "Wikimedia Foundation"
    assert turkey.site == "Wikimedia Foundation"
    assert turkey.language is not None and turkey.language.startswith("en")
    assert turkey.url is not None and turkey.url.startswith("https://wikimediafoundation.org/")
    assert articles["v8-blog.html"].date == "2019-11-21"
    assert articles["ebb-org.html"].date == "2019-10-15"
    tsne = articles["wikipedia-tsne.html"]
    assert tsne.language == "en"
    assert tsne.url == "https://en.wikipedia.org/wiki/T-distributed_stochastic_neighbor_embedding"


def test_given_url_wins_and_must_be_http(extractor: Any) -> None:
    html = _page("v8-blog.html")
    assert html_to_text(html, url="https://v8.dev/blog/emscripten-standalone-wasm").url == (
        "https://v8.dev/blog/emscripten-standalone-wasm"
    )
    assert html_to_text(html, url="javascript:alert(1)").url is None


def test_wikipedia_markers_and_notes(articles: dict[str, HtmlArticle]) -> None:
    text = articles["wikipedia-tsne.html"].text
    body, notes = _body_and_notes(text)
    markers = set(re.findall(r"\[(\d{1,3})\]", body))
    assert {str(n) for n in range(1, 12)} <= markers
    lines = notes.splitlines()
    assert [line.split("]")[0] + "]" for line in lines] == [f"[{n}]" for n in range(1, 13)]
    assert lines[0].startswith("[1] van der Maaten, L.J.P.; Hinton, G.E. (Nov 2008).")
    assert not any(line.startswith(("[1] ^", "^")) for line in lines)  # backlinks dropped
    assert "References" not in body.split("\n\n")[-3:]  # the heading went with its list
    assert "research,[2] music analysis" in body  # a space after a linked marker
    # the reader's own parser finds every note and every marker
    layout = parse_layout(text)
    assert [d.label for d in layout.definitions] == [str(n) for n in range(1, 13)]


@pytest.mark.parametrize("name", ["v8-blog.html", "ebb-org.html", "wikimedia-turkey.html"])
def test_no_markers_invented(articles: dict[str, HtmlArticle], name: str) -> None:
    text = articles[name].text
    assert "\n\nNotes\n\n" not in text
    assert not re.search(r"\[\d{1,3}\]", text)


# A Markdown-rendered blog post (Python-Markdown/Jekyll footnotes): the library drops the notes
# list, and the notes are found where the markers link. Synthetic, in the shape those tools emit.
_FILLER = "This paragraph is here so that the page has an article worth extracting. " * 4
MARKDOWN_FOOTNOTES = f"""<!DOCTYPE html><html lang="en"><head><title>Field notes</title>
<meta property="og:site_name" content="A Blog"></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Field notes</h1>
<p>{_FILLER}</p>
<p>The river rose two metres overnight.<sup id="fnref:1"><a href="#fn:1" class="footnote-ref"
>1</a></sup> The bridge held, as the engineers had said it would.<sup id="fnref:2"><a
href="#fn:2" class="footnote-ref">2</a></sup> Area is measured in m<sup>2</sup> here.</p>
<p>{_FILLER}</p>
<div class="footnotes"><hr><ol>
<li id="fn:1"><p>Gauge readings from the county office.&#160;<a href="#fnref:1"
class="footnote-backref">&#8617;</a></p></li>
<li id="fn:2"><p>Report of 12 March, page 4.&#160;<a href="#fnref:2"
class="footnote-backref">&#8617;</a></p></li>
</ol></div></article>
<footer>Share this post on social media</footer></body></html>"""


def test_notes_found_from_marker_links(extractor: Any) -> None:
    article = html_to_text(MARKDOWN_FOOTNOTES)
    body, notes = _body_and_notes(article.text)
    assert "overnight.[1] The bridge held" in body
    assert "would.[2] Area is measured in m2 here." in body  # m² is not a marker
    assert notes.splitlines() == [
        "[1] Gauge readings from the county office.",
        "[2] Report of 12 March, page 4.",
    ]
    assert "Share this post" not in article.text
    assert article.language == "en"


def test_missing_extra_is_a_reader_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import raises ImportError
    with pytest.raises(ReaderError) as caught:
        html_to_text("<html><body><p>text</p></body></html>")
    problem = caught.value.problems[0]
    assert problem.code == "html-extra"
    assert problem.severity == "error"
    assert "pip install 'lateral-reader[html]'" in problem.message


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every way out to the network raises, and is recorded."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> Any:
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts


RESOURCES = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
"http://127.0.0.1:9/xhtml1-strict.dtd">
<html><head><base href="http://127.0.0.1:9/"><title>Resources</title>
<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">
<link rel="stylesheet" href="http://127.0.0.1:9/s.css">
<link rel="canonical" href="http://127.0.0.1:9/canonical">
<script src="http://127.0.0.1:9/x.js"></script></head>
<body><iframe src="http://127.0.0.1:9/frame"></iframe><img src="http://127.0.0.1:9/i.png">
<svg><image href="http://127.0.0.1:9/i.svg"/></svg>
<article><p>{_FILLER}</p><p>{_FILLER}</p></article></body></html>"""


def test_no_network(extractor: Any, no_network: list[object]) -> None:
    for name in PAGES:
        html_to_text(_page(name), url="https://example.org/saved-page")
    article = html_to_text(RESOURCES, url="http://127.0.0.1:9/page")
    assert "This paragraph is here" in article.text
    assert no_network == []


def test_entities_are_not_expanded(extractor: Any, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    html = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><article><p>{_FILLER}</p><p>&xxe; end</p></article></body></html>"
    )
    assert "TOP-SECRET-VALUE" not in html_to_text(html).text


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ("", "html-empty"),
        ("  \n\t ", "html-empty"),
        ("\x00\x01\x02\xff" * 100, "html-unreadable"),
        ("plain words and no markup " * 20, "html-unreadable"),
        ("<html><frameset><frame src='http://127.0.0.1:9/'></frameset></html>", "html-no-text"),
        ("<div>" * 100_000 + "<p>too deep</p>" + "</div>" * 100_000, "html-no-text"),
    ],
    ids=["empty", "blank", "binary", "no-markup", "frameset", "deep-nesting"],
)
def test_unreadable_pages_are_reader_errors(extractor: Any, html: str, code: str) -> None:
    with pytest.raises(ReaderError) as caught:
        html_to_text(html)
    assert caught.value.problems[0].code == code


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><article><h1>Title</h1><p>" + _FILLER + "</p><p>Hello wor",  # cut short
        "<html><body><p>" + _FILLER.replace("page", "pa\x1b[31mge\x00\x85\ud800") + "</p>",
        '<?xml version="1.0" encoding="ISO-8859-1"?><html><head><meta charset="iso-8859-1">'
        "<title>Café</title></head><body><article><p>" + _FILLER + "</p></article></body></html>",
        "<html><body>" + "<span>" * 200 + _FILLER + "</span>" * 200 + "</body></html>",
    ],
    ids=["truncated", "control-characters", "xml-declaration", "nested-spans"],
)
def test_malformed_pages_still_read(extractor: Any, html: str) -> None:
    article = html_to_text(html)
    assert "This paragraph is here so that the pa" in article.text
    assert "worth extracting." in article.text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", article.text)
    if "Café" in html:
        assert article.title == "Café"  # the text is not decoded a second time


@pytest.mark.parametrize(
    "html",
    [
        "<<<>>><p<p<p>>" * 500 + "<p>" + _FILLER,
        "<html><body>" + "<span>" * 5000 + _FILLER + "</span>" * 5000 + "</body></html>",
        "<table>" * 300 + "<tr><td>" * 300 + _FILLER,
        "<p title='" + "x" * 2_000_000 + "'>" + _FILLER,
        "<html><body><p>" + "&#0;&#xD800;&#x1b;&#x85;" * 100 + _FILLER + "</p></body></html>",
    ],
    ids=["tag-soup", "deep-spans", "nested-tables", "huge-attribute", "bad-references"],
)
def test_hostile_pages_never_crash(extractor: Any, html: str) -> None:
    try:
        article = html_to_text(html)
    except ReaderError as error:
        assert error.problems[0].code.startswith("html-")
        return
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", article.text)


_TAGS = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<sup>", "</sup>", "<a href='#fn1'>", "</a>", "<table>",
     "<tr><td>", "<li>", "<ol>", "<br>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "&amp;",
     "&#0;", "&#xD800;", "<?xml?>", "<!DOCTYPE x [", "]>", "<h1>", "<pre>", "<math>", "<svg>"]
)  # fmt: skip
_WORDS = st.text(min_size=0, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_TAGS, _WORDS), max_size=60))
def test_any_input_gives_an_article_or_a_reader_error(parts: list[str]) -> None:
    pytest.importorskip("trafilatura")
    html = "<html><body>" + "".join(parts) + "<p>" + _FILLER + "</p>"
    try:
        article = html_to_text(html)
    except ReaderError:
        return
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", article.text)

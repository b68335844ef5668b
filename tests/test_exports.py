"""Exports checked against their vocabularies' required fields; the notes round trip."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.cli import main
from reader.export.common import ExportContext
from reader.export.html import render_html
from reader.export.jsonld import claimreview, notes_from_annotations, web_annotations
from reader.export.markdown import render_markdown
from reader.model import Pack
from reader.notes import Guess, NotesFile, NotesStore, StudentNote, context_around
from reader.pack.load import load_pack
from reader.work import StudentWork

from .conftest import BUNDLED, FIXTURES

TODAY = dt.date(2026, 11, 27)
WHEN = dt.datetime(2026, 11, 27, 9, 30, tzinfo=dt.timezone.utc)


def loaded(path: Path) -> Pack:
    pack = load_pack(path).pack
    assert pack is not None
    return pack


@pytest.fixture
def river() -> Pack:
    return loaded(FIXTURES / "river")


def student_work(pack: Pack) -> NotesFile:
    article = pack.article
    notes = NotesFile("key", pack.meta.title, student="Ana [bold]")
    for index in (1, 2):
        sentence = article.sentences[index]
        prefix, suffix = context_around(article.text, sentence.start, sentence.end)
        notes.put_note(
            StudentNote(
                f"n-{index}",
                article.text[sentence.start : sentence.end],
                f"My note {index} <script>",
                sentence.start,
                prefix,
                suffix,
                WHEN,
                WHEN,
            )
        )
    notes.put_note(StudentNote("n-gone", "A sentence that is not there.", "orphan note"))
    notes.put_guess(Guess(pack.claims[0].id, "misleading", "high", "sounds too big", WHEN))
    return notes


def test_claimreview_has_the_required_fields(river: Pack) -> None:
    reviews = claimreview(ExportContext.build(river, today=TODAY))
    assert len(reviews) == 2
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        for key in (
            "url",
            "claimReviewed",
            "author",
            "datePublished",
            "reviewRating",
            "itemReviewed",
        ):
            assert review[key], key
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        assert rating["ratingExplanation"]
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["datePublished"] == "2024-11-19"
        assert item["appearance"][0]["url"] == "https://example.org/gazette/river-levels"
        assert item["author"]["name"] == "A. Writer"
    assert reviews[0]["reviewRating"]["alternateName"] == "False"
    assert reviews[0]["reviewRating"]["ratingValue"] == 1
    assert "ratingValue" not in reviews[1]["reviewRating"]  # "unverifiable" is not ordinal


def test_web_annotations_follow_the_model(river: Pack) -> None:
    ctx = ExportContext.build(river, StudentWork(student_work(river)), today=TODAY)
    collection = web_annotations(ctx, include_student=True)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items)
    motivations = {item["motivation"] for item in items}
    assert motivations == {"assessing", "questioning", "commenting"}
    text = river.article.text
    for item in items:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:")
        assert item["body"]["type"] == "TextualBody" and isinstance(item["body"]["value"], str)
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote = selectors["TextQuoteSelector"]
        assert quote["exact"]
        position = selectors.get("TextPositionSelector")
        if position is not None:
            assert text[position["start"] : position["end"]] == quote["exact"]


def test_notes_round_trip_through_annotations(river: Pack) -> None:
    work = student_work(river)
    ctx = ExportContext.build(river, StudentWork(work), TODAY)
    collection = web_annotations(ctx, include_student=True)
    again = notes_from_annotations(json.loads(json.dumps(collection)))
    assert [
        (n.id, n.quote, n.text, n.start, n.prefix, n.suffix, n.created, n.updated) for n in again
    ] == [
        (n.id, n.quote, n.text, n.start, n.prefix, n.suffix, n.created, n.updated)
        for n in work.notes
    ]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.assets: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src",) or (tag == "link" and name == "href"):
                self.assets.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escaped(river: Pack) -> None:
    page = render_html(ExportContext.build(river, StudentWork(student_work(river)), TODAY))
    parser = _Collector()
    parser.feed(page)
    assert parser.assets == [] and "script" not in parser.tags
    assert "viewport" in page and "@media print" in page
    text = "".join(parser.text)
    assert "My note 1 <script>" in text and "Ana [bold]" in text
    assert 'href="#c1"' in page and 'id="c1"' in page
    assert "orphan note" in text


def test_markdown_journal(river: Pack) -> None:
    journal = render_markdown(ExportContext.build(river, StudentWork(student_work(river)), TODAY))
    assert "the highest level in 100 years **[C1]**, the town council" in journal
    assert "### C1 — ✘ False" in journal
    assert ("**Your guess:** ◬ Misleading (high confidence; differs from the reviewer's "
            "verdict)") in journal
    assert "**Your note:** My note 1 <script>" not in journal  # markup is escaped
    assert "My note 1 \\<script\\>" in journal


def test_bundled_pack_exports_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for fmt in ("markdown", "html", "claimreview", "annotations"):
        out = tmp_path / f"out.{fmt}"
        assert main(["export", str(BUNDLED), "--format", fmt, "-o", str(out)]) == 0
        assert out.stat().st_size > 10_000
    assert main(["export", str(BUNDLED), "--format", "html", "-o", str(tmp_path / "out.html")]) == 1
    assert "already exists" in capsys.readouterr().err
    reviews = json.loads((tmp_path / "out.claimreview").read_text(encoding="utf-8"))
    assert len(reviews) == 65


def test_hand_in_and_import_notes_back(
    tmp_path: Path, river: Pack, capsys: pytest.CaptureFixture[str]
) -> None:
    store = NotesStore.for_pack(river)
    store.save(student_work(river))
    handed_in = tmp_path / "ana.toml"
    assert (
        main(
            [
                "export",
                str(FIXTURES / "river"),
                "--format",
                "notes",
                "--student",
                "Ana",
                "-o",
                str(handed_in),
            ]
        )
        == 0
    )
    assert 'student = "Ana"' in handed_in.read_text(encoding="utf-8")
    annotations_file = tmp_path / "ana.jsonld"
    assert (
        main(
            [
                "export",
                str(FIXTURES / "river"),
                "--format",
                "annotations",
                "--notes",
                "-o",
                str(annotations_file),
            ]
        )
        == 0
    )
    store.path.unlink()
    capsys.readouterr()
    assert main(["import", str(annotations_file), "--notes-for", str(FIXTURES / "river")]) == 0
    assert "Added 3 note(s)" in capsys.readouterr().out
    restored, _ = NotesStore.for_pack(river).load()
    assert sorted(n.id for n in restored.notes) == ["n-1", "n-2", "n-gone"]


def test_exports_carry_the_reviewers_footnote_cards() -> None:
    from reader.export.common import ExportContext
    from reader.export.html import render_html
    from reader.export.markdown import render_markdown

    pack = load_pack(BUNDLED).pack
    assert pack is not None
    card = pack.footnote_cards["1"]
    assert card.note
    ctx = ExportContext.build(pack)
    markdown, page = render_markdown(ctx), render_html(ctx)
    assert "## The article's footnotes, checked" in markdown
    assert "<h2>The article's footnotes, checked</h2>" in page
    assert "Reviewer: The cited chapter exists" in markdown
    assert "Reviewer: The cited chapter" in page
    assert markdown.count("  - Reviewer: ") == len(pack.footnote_cards)


def test_a_worksheet_leaves_the_verdicts_out(tmp_path: Path) -> None:
    out = tmp_path / "worksheet.md"
    assert main(["export", str(BUNDLED), "--format", "markdown", "--quiz", "-o", str(out)]) == 0
    sheet = out.read_text("utf-8")
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    _, checks = sheet.split("## Fact checks")
    for verdict in pack.scale.verdicts:
        assert f"{verdict.glyph} {verdict.label}" not in checks
    assert "**Accounts**" not in checks and "Reviewer notes" not in checks
    assert checks.count("**Your verdict:**") == len(pack.claims)
    page = tmp_path / "worksheet.html"
    assert main(["export", str(BUNDLED), "--format", "html", "--quiz", "-o", str(page)]) == 0
    assert page.read_text("utf-8").count('class="claim worksheet"') == len(pack.claims)
    assert main(["export", str(BUNDLED), "--format", "claimreview", "--quiz"]) == 2


@pytest.mark.slow
def test_the_printed_handout_is_a_third_of_what_it_was(tmp_path: Path) -> None:
    """Printed by Chromium to A4/Letter PDF: the bundled handout took 71 pages before the
    compact print layout; it should take about a third."""
    import re
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("Chromium is not installed")
    page = tmp_path / "handout.html"
    assert main(["export", str(BUNDLED), "--format", "html", "-o", str(page)]) == 0
    pdf = tmp_path / "handout.pdf"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=180,
                   check=False)
    if not pdf.exists():
        pytest.skip("Chromium could not print here")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert 0 < pages <= 71 // 3 + 3, pages

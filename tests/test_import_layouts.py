"""The importer on each layout teachers bring: what it finds, what it cuts, and that its
output always passes `lateral check`. (Real texts are in tests/test_import_corpus.py.)"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.importer import ImportedPack, import_text, write_pack
from reader.ingest.dates import parse_date
from reader.pack.load import load_pack
from reader.problems import errors

ESSAY = """---
title: "The Harbour Wall at Saltby"
authors:
  - Ruth Allen
date: 2021-05-02
---

The harbour wall at Saltby was built in 1842 by the parish.[^1] Its stones came from Bent Hill.[^2]

One history puts the cost at £2,300;[^3] another, a century later, at £4,100.[^a-note]

---

### Bibliography

- Allen, R. *Saltby Before the Railway*. Whitby: Strand Press, 1998.
- County Record Office. *Quarter Sessions Rolls*, 1840–1855.

### Notes
[^1]: Parish vestry minutes, 3 June 1842.
[^2]: Bent Hill quarry ledger, final entry dated 1901.
[^3]: Smith, *History of Saltby* (1860), p. 41.

    A second paragraph of note three, indented.
[^a-note]: Allen (1998), p. 77.
"""

OPED = """The Valley Courier
Home | News | Opinion | Sport
Why the ferry must stay
> Source: https://valleycourier.example/opinion/ferry
By Tom Reyes
Published 4 April 2023
The ferry across the Tane has run since 1910, and the council now proposes to close it at the end of the year.[1] Its own figures show that 400 people use it on a weekday.[2]
Closing it would add forty minutes to the journey of every child at Northbank school, according to the head teacher.[3] The council says the saving would be £180,000 a year.[4]
The alternative, a bus over the Carr bridge, was tried in 2015 and withdrawn after six months of complaints.[5]
Notes
[1] Council agenda, 2 March 2023. [2] Ferry passenger count, 2022. [3] Interview with the head teacher, 20 March 2023. [4] Council budget paper, item 7. [5] Bus trial report, 2016.
[1] Council agenda, 2 March 2023.
[2] Ferry passenger count, 2022.
[3] Interview with the head teacher, 20 March 2023.
[4] Council budget paper, item 7.
[5] Bus trial report, 2016.
Return to Opinion
Return to the front page
"""  # noqa: E501

LOCAL = """Northbank Gazette

New bridge opens two years late

By Maria Holt | 12 March 2024

The new footbridge over the Carr opened on Monday, two years after the date first promised.1 It cost £3.2 million, against a budget of £2.1 million.2

The council said the delay was caused by flooding in 2022. Residents say the path to it is still unlit.3

Notes
1. Council press release, 11 March 2024.
2. Council capital programme, 2021 and 2024.
3. Residents' association letter, February 2024.
Share this: Facebook | X | Email
© 2024 Northbank Gazette. All rights reserved.
"""  # noqa: E501

GUTENBERG = """\ufeffThe Project Gutenberg eBook of On Harbours, by A. Writer\r
\r
This eBook is for the use of anyone anywhere at no cost.\r
\r
Title: On Harbours\r
\r
Author: A. Writer\r
\r
Release Date: March 15, 2006 [EBook #17997]\r
\r
Language: English\r
\r
*** START OF THIS PROJECT GUTENBERG EBOOK ON HARBOURS ***\r
\r
Produced by Some Volunteers and the Online Distributed\r
Proofreading Team.\r
\r
ON HARBOURS\r
\r
I.\r
\r
A harbour is a place of shelter for ships, and the older ones were built\r
by those who used them.[1] The wall at Saltby is one of these. [143]\r
\r
[Footnote 1: See the parish records.]\r
\r
Yes.\r
\r
The second wall was begun in 1850 and finished in 1853.\r
\r
Yes.\r
\r
*** END OF THIS PROJECT GUTENBERG EBOOK ON HARBOURS ***\r
\r
Updating the licence: 1.F.3. LIMITED RIGHT OF REPLACEMENT OR REFUND - If you\r
discover a defect in this electronic work within 90 days of receiving it...\r
"""

WIKIPEDIA = """Saltby Harbour
From Wikipedia, the free encyclopedia
Saltby Harbour is a small harbour on the north-east coast of England, built by the parish in 1842 and extended in 1853 after a winter of storms.[1] It is now used by a handful of fishing boats and by pleasure craft in summer.[2]

History[edit]
Saltby-harbour-1900.jpgThe harbour was built with stone from Bent Hill, a quarry that closed in 1901 and is now a nature reserve.[1]

See also[edit]
List of harbours in England
References[edit]
^ a b Allen, R. Saltby Before the Railway. 1998.
^ "Saltby". Visit the Coast. Retrieved 2 March 2020.
External links[edit]
Saltby Harbour Trust
Categories: Harbours in England
"""  # noqa: E501


def imported_and_checked(text: str, tmp_path: Path, name: str) -> ImportedPack:
    """Import ``text``, write the pack and load it: it must check with no errors."""
    imported = import_text(text.replace("\r\n", "\n").lstrip("\ufeff"), source_name=name)
    write_pack(imported, tmp_path / "pack")
    result = load_pack(tmp_path / "pack")
    assert result.pack is not None, result.problems
    assert not errors(result.problems), errors(result.problems)
    return imported


def test_static_site_essay(tmp_path: Path) -> None:
    imported = imported_and_checked(ESSAY, tmp_path, "essay.md")
    report = imported.report
    assert report.title == "The Harbour Wall at Saltby"
    assert report.details["author"] == "Ruth Allen"
    assert report.details["published"] == "2021-05-02"
    assert (report.paragraphs, report.markers, report.definitions) == (2, 4, 4)
    assert report.multi_paragraph_notes == ["^3"]
    assert "indented" in imported.article.footnotes["^3"].text
    assert report.footnoted_stubs == 3 and report.other_stubs == 0  # not the bibliography
    assert "Strand Press" in imported.article_md  # the bibliography stays as text


def test_scraped_oped_one_paragraph_per_line(tmp_path: Path) -> None:
    imported = imported_and_checked(OPED, tmp_path, "oped.txt")
    report = imported.report
    assert report.title == "Why the ferry must stay"
    assert report.publisher == "The Valley Courier"
    assert report.details["author"] == "Tom Reyes"
    assert report.details["published"] == "2023-04-04"
    assert report.details["url"] == "https://valleycourier.example/opinion/ferry"
    assert (report.paragraphs, report.markers, report.definitions) == (3, 5, 5)
    assert report.repeated_notes == 5 and not report.orphan_markers
    assert "one paragraph per line" in report.layouts
    assert imported.article.footnotes["3"].text == "Interview with the head teacher, 20 March 2023."
    assert "Return to" not in imported.article_md
    assert any("Return to Opinion" in line for line in report.removed)


def test_local_news_with_stuck_markers(tmp_path: Path) -> None:
    imported = imported_and_checked(LOCAL, tmp_path, "local.txt")
    report = imported.report
    assert report.title == "New bridge opens two years late"
    assert report.publisher == "Northbank Gazette"
    assert report.details["author"] == "Maria Holt"
    assert report.details["published"] == "2024-03-12"
    assert (report.paragraphs, report.markers, report.definitions) == (2, 3, 3)
    assert report.marker_forms == {"glued": 3}
    assert "£3.2 million" in imported.article_md  # a decimal is not a marker
    assert imported.article.footnotes["3"].text == "Residents' association letter, February 2024."
    assert "Share this" not in imported.article_md and "©" not in imported.article_md
    stubs = imported.pack_toml
    assert "Maria Holt" not in stubs.split("[[claims]]", 1)[1]  # the byline is no claim


def test_gutenberg_header_licence_and_page_numbers(tmp_path: Path) -> None:
    imported = imported_and_checked(GUTENBERG, tmp_path, "harbours.txt")
    report = imported.report
    assert report.title == "On Harbours" and report.title_source.startswith("the Project")
    assert report.details["author"] == "A. Writer"
    assert report.details["url"] == "https://www.gutenberg.org/ebooks/17997"
    assert "licence" not in imported.article_md.lower()
    assert "Produced by" not in imported.article_md
    assert (report.markers, report.definitions) == (1, 1)  # [143] is a page number
    assert "[143]" in imported.article_md
    assert imported.pack_toml.count('quote = "Yes."') == 0  # not check-worthy
    assert "1850" in imported.article_md


def test_repeated_sentences_get_a_prefix(tmp_path: Path) -> None:
    text = "A title\n\n" + "\n\n".join(
        f"Paragraph {n} starts here. The vote was 12 to 3." for n in range(1, 6)
    )
    imported = imported_and_checked(text, tmp_path, "votes.txt")
    assert imported.pack_toml.count('quote = "The vote was 12 to 3."') == 5
    pack = load_pack(tmp_path / "pack").pack
    assert pack is not None
    starts = {c.anchor.start for c in pack.claims if c.quote == "The vote was 12 to 3."}
    assert starts == {imported.article_md.find(f"{n} starts here.") + 15 for n in range(1, 6)}
    assert 'prefix = "5 starts here. "' in imported.pack_toml  # the fewest words that tell


def test_wikipedia_export(tmp_path: Path) -> None:
    imported = imported_and_checked(WIKIPEDIA, tmp_path, "Saltby_Harbour.txt")
    report = imported.report
    assert report.title == "Saltby Harbour"
    assert "Wikipedia export" in report.layouts
    assert (report.paragraphs, report.markers, report.definitions) == (2, 3, 2)
    md = imported.article_md
    assert "Categories" not in md and "External links" not in md and "List of harbours" not in md
    assert "jpg" not in md and "[edit]" not in md
    assert md.count("The harbour was built with stone") == 1
    assert imported.article.footnotes["1"].text.startswith("Allen")


def test_marker_with_no_note_is_a_warning_stub(tmp_path: Path) -> None:
    text = "A title\n\nThe wall was built in 1842.[1] It cost a lot.[2]\n\nNotes\n\n[1] Minutes."
    imported = imported_and_checked(text, tmp_path, "orphan.txt")
    assert imported.report.orphan_markers == ["2"]
    assert "# the notes list has no [2]" in imported.pack_toml


def test_numbered_list_the_body_never_cites_is_text(tmp_path: Path) -> None:
    text = (
        "How to visit\n\nThere are three things to remember when you visit the harbour in "
        "winter, all of them simple.\n\n1. Wear boots.\n2. Check the tide.\n3. Tell someone."
    )
    imported = imported_and_checked(text, tmp_path, "visit.txt")
    assert imported.report.definitions == 0 and "Wear boots" in imported.article_md
    assert any("numbered list" in item for item in imported.report.unsure)


@pytest.mark.parametrize(
    ("notes", "marker"),
    [
        ("1) First.\n2) Second.", "[{n}]"),
        ("¹ First.\n² Second.", "{sup}"),
        ("^1 First.\n^2 Second.", "^{n}"),
        ("[1]: First.\n\n[2]: Second.", "[{n}]"),
        ("1. First, which\nruns over two lines.\n\n2. Second.", "[{n}]"),
    ],
)
def test_numbered_note_forms(tmp_path: Path, notes: str, marker: str) -> None:
    sups = {1: "¹", 2: "²"}
    body = " ".join(
        f"Claim number {n} is made here.{marker.format(n=n, sup=sups[n])}" for n in (1, 2)
    )
    text = f"A title\n\n{body}\n\nEndnotes\n{notes}\n"
    imported = imported_and_checked(text, tmp_path, "forms.txt")
    report = imported.report
    assert (report.markers, report.definitions, report.orphan_markers) == (2, 2, [])
    assert imported.article.footnotes["1"].text.startswith("First")


def test_stray_blank_line_joins_a_note(tmp_path: Path) -> None:
    text = (
        "A title\n\nThe harbour was built in 1842.[1] It was extended later.[2]\n\nNotes\n\n"
        "[1] Parish minutes, volume 3, which are kept\n\nat the county record office.\n\n"
        "[2] Allen (1998)."
    )
    imported = imported_and_checked(text, tmp_path, "split.txt")
    assert imported.article.footnotes["1"].text.endswith("county record office.")
    assert imported.report.split_notes == ["1"]


def test_notes_end_at_site_furniture(tmp_path: Path) -> None:
    text = (
        "A title\n\nThe harbour was built in 1842.[1]\n\nNotes\n[1] Parish minutes.\n"
        "Related posts: Ten harbours to visit\nCookie policy: we use cookies to help us."
    )
    imported = imported_and_checked(text, tmp_path, "furniture.txt")
    assert imported.article.footnotes["1"].text == "Parish minutes."
    assert "cookies" not in imported.article_md


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("12 March 2024", "2024-03-12"),
        ("March 3, 2021", "2021-03-03"),
        ("Monday, 4 April 2023", "2023-04-04"),
        ("Mar. 3, 2021 10:30 AM EST", "2021-03-03"),
        ("2024-03-12T09:00:00Z", "2024-03-12"),
        ("31 February 2024", None),
        ("The ferry ran in 1910", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "Ferry news\n\nThe ferry has run since 1910.[1]\n\nNotes\n[1] Minutes.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert main(["import", "-", "--out", str(tmp_path / "p")]) == 0
    assert "Imported standard input" in capsys.readouterr().out
    assert (tmp_path / "p" / "article.md").read_text(encoding="utf-8").startswith("# Ferry news")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfeA\x00")))
    assert main(["import", "-", "--dry-run"]) == 1
    assert "standard input:1:1: error: the file is UTF-16" in capsys.readouterr().err


def test_brackets_that_are_not_notes_stay_text() -> None:
    text = ("A title\n\nHe said it was [sic] late in 1999.[1] [W]e knew the date [?] was wrong.[2] "
            "See page [143] of the book.\n\nNotes\n\n[1] A source.\n\n[2] Another source.\n")
    imported = import_text(text, source_name="t.txt")
    report = imported.report
    assert (report.markers, report.definitions, report.orphan_markers) == (2, 2, [])
    assert "[sic] late in 1999.[1] [W]e knew the date [?] was wrong.[2] See page [143]" in (
        imported.article_md)

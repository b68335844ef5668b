"""The importer, on the bundled article and on real texts in every supported style."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer import import_text, write_pack
from reader.pack.load import load_pack
from reader.problems import errors
from reader.text.article import parse_article, read_text_file

from .conftest import CORPUS, RAW_ARTICLE

REAL = CORPUS / "real"


def test_raw_article_import_detects_everything() -> None:
    imported = import_text(read_text_file(RAW_ARTICLE), source_name="raw.txt")
    report = imported.report
    assert report.title == "Closing the circle: starting from scratch"
    assert report.publisher == "Occasional Digest"
    assert report.removed_lines == [
        "Site icon Occasional Digest",
        "Occasional Digest - a story for you",
        "Source link",
        "Exit mobile version",
    ]
    assert (report.paragraphs, report.markers, report.definitions) == (26, 17, 17)
    assert report.split_notes == ["2"] and not report.orphan_markers and not report.orphan_notes
    assert report.footnoted_stubs == 16  # one sentence cites both [6] and [7]
    assert report.other_stubs > 10


def test_skeleton_passes_check_with_warnings_only(tmp_path: Path) -> None:
    imported = import_text(read_text_file(RAW_ARTICLE), source_name="raw.txt")
    write_pack(imported, tmp_path / "pack")
    result = load_pack(tmp_path / "pack")
    assert result.pack is not None
    assert not errors(result.problems)
    codes = {p.code for p in result.problems}
    assert codes <= {"not-reviewed", "no-accounts", "footnote-no-note"}
    pack = result.pack
    assert all(c.anchor.status == "exact" for c in pack.claims)
    cited = {s.index for s in pack.article.sentences if s.footnotes}
    stubbed = {i for c in pack.claims for i in c.sentences}
    assert cited <= stubbed
    assert pack.sources["note-1"].url is not None and pack.sources["note-1"].url.endswith(".pdf")


def test_repeated_sentences_get_a_prefix(tmp_path: Path) -> None:
    raw = "# T\n\nIn 2020 it rose.[1] Then fell.\n\nIn 2020 it rose.[1] Again.\n\n[1] Src.\n"
    imported = import_text(raw)
    assert "prefix = " in imported.pack_toml
    write_pack(imported, tmp_path / "p")
    result = load_pack(tmp_path / "p")
    assert not errors(result.problems)


REAL_CASES = [
    # file, notes expected, markers expected, orphan markers
    ("gutenberg-passamaquoddy.txt", 5, 5, 0),
    ("gutenberg-chiriqui.txt", 5, 5, 0),
    # "Float[100]" in a code sample, beyond the 35 notes, is not taken for a marker
    ("wikipedia-gambas.txt", 35, 38, 0),
    ("protobuf-life-of-an-edition.md", 3, 3, 0),
    ("lshfunctions-lp-distance.md", 2, 2, 0),
]


@pytest.mark.parametrize(
    ("name", "notes", "markers", "orphans"), REAL_CASES, ids=[c[0] for c in REAL_CASES]
)
def test_real_texts_parse(name: str, notes: int, markers: int, orphans: int) -> None:
    article, problems = parse_article(read_text_file(REAL / name))
    assert len(article.footnotes) == notes
    assert len(article.markers) == markers
    assert sum(1 for p in problems if p.code == "marker-undefined") == orphans
    assert not [p for p in problems if p.code == "note-unused"]
    text = article.text
    for marker in article.markers:
        assert text[marker.start] == "[" and text[marker.end - 1] == "]"


@pytest.mark.parametrize("name", [c[0] for c in REAL_CASES])
def test_real_texts_import_and_check(tmp_path: Path, name: str) -> None:
    imported = import_text(read_text_file(REAL / name), source_name=name)
    write_pack(imported, tmp_path / "pack")
    result = load_pack(tmp_path / "pack")
    assert result.pack is not None
    assert [p.format() for p in errors(result.problems)] == []


def test_gutenberg_footnote_text_is_clean() -> None:
    article, _ = parse_article(read_text_file(REAL / "gutenberg-passamaquoddy.txt"))
    for definition in article.footnotes.values():
        assert not definition.text.startswith("[Footnote")
        assert not definition.text.endswith("]")
        assert "\n" not in definition.text


STATIC_SITE_ESSAY = """---
title: "Rivers and the towns that keep them"
authors: [Ana Lopez]
date: 2023-10-05
site_name: The Long Read
canonical_url: https://example.org/rivers
lang: en-GB
---

The river rose three metres in a single night in 1953.[1] The town council
said the walls would be finished by 1960.[2]

1. Town archive, flood register, 1953.
2. Council minutes, 4 May 1954.
"""


def test_front_matter_gives_the_details_and_is_not_article_text(tmp_path: Path) -> None:
    imported = import_text(STATIC_SITE_ESSAY, source_name="rivers.md")
    report = imported.report
    assert report.title == "Rivers and the towns that keep them"
    assert report.title_source == "YAML front matter" and report.front_matter == "YAML"
    assert "canonical_url" not in imported.article_md and "site_name" not in imported.article_md
    assert imported.article_md.startswith("# Rivers and the towns that keep them\n\n")
    toml = imported.pack_toml
    assert 'author = "Ana Lopez"' in toml and "published = 2023-10-05" in toml
    assert 'url = "https://example.org/rivers"' in toml and 'publisher = "The Long Read"' in toml
    assert 'language = "en-GB"' in toml
    write_pack(imported, tmp_path / "pack")
    result = load_pack(tmp_path / "pack")
    assert result.pack is not None and not [p for p in result.problems if p.severity == "error"]
    assert result.pack.meta.author == "Ana Lopez"
    assert str(result.pack.meta.published) == "2023-10-05"


def test_with_no_title_anywhere_the_file_name_is_a_better_guess() -> None:
    body = ("The river rose in the night and kept rising until the lower town was under water, "
            "and the council met at dawn to decide what to do about the walls.\n")
    imported = import_text(body, source_name="History_of-rivers.txt")
    assert imported.report.title == "History of rivers"
    assert imported.report.title_source == "the file name"


def test_markdown_notes_right_under_a_heading_are_found() -> None:
    essay = (
        "---\ntitle: An essay\n---\n\nFirst claim here.[^1] Second claim there.[^2]\n\n"
        "Another paragraph.[^3]\n\n---\n\n### Bibliography\n\n- Smith, J. (2020). A book.\n\n"
        "### Notes\n[^1]: First note.\n[^2]: Second note, <https://example.org/x>.\n"
        "[^3]: Third note.\n"
    )
    imported = import_text(essay, source_name="essay.md")
    assert imported.report.definitions == 3 and imported.report.markers == 3
    assert imported.report.orphan_markers == [] and imported.report.orphan_notes == []
    assert "## Notes" in imported.article_md


def test_a_page_number_among_numbered_notes_is_not_a_marker() -> None:
    text = ("A title\n\nThe river rose in 1953.[1] The walls came by 1960.[2] See the plate "
            "[143] for the map. A third claim.[3]\n\nNotes\n\n1. Town archive.\n"
            "2. Council minutes.\n")
    imported = import_text(text, source_name="x.txt")
    assert imported.report.markers == 3  # [1], [2] and [3]; not [143]
    assert imported.report.orphan_markers == ["3"]  # in sequence: a note that is missing


def test_dry_run_writes_nothing_and_json_gives_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from reader.cli import main

    raw = tmp_path / "rivers.md"
    raw.write_text(STATIC_SITE_ESSAY, encoding="utf-8")
    assert main(["import", str(raw), "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "nothing written" in said and "YAML front matter" in said
    assert "The river rose three metres" in said
    assert list(tmp_path.iterdir()) == [raw]
    assert main(["import", str(raw), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["title"] == "Rivers and the towns that keep them"
    assert report["title_source"] == "YAML front matter" and report["markers"] == 2
    assert report["front_matter"] == "YAML" and report["publisher"] == "The Long Read"

"""The importer on real texts: each in tests/corpus/articles/ gives the title, paragraphs,
markers and notes counted for it independently (see count.py there), and a pack that checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli

from reader.importer import import_raw, write_pack
from reader.ingest.source import read_raw
from reader.pack.load import load_pack
from reader.problems import errors

ARTICLES = Path(__file__).parent / "corpus" / "articles"
ENTRIES = [
    entry
    for path in sorted(ARTICLES.glob("expected*.toml"))
    for entry in tomli.loads(path.read_text(encoding="utf-8"))["text"]
]


def test_corpus_has_twenty_texts_in_eight_layouts() -> None:
    assert len(ENTRIES) >= 20
    assert len({entry["layout"] for entry in ENTRIES}) >= 8


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["file"] for entry in ENTRIES])
def test_real_text(
    entry: dict[str, object], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    path = ARTICLES / str(entry["file"])
    if "importer_gap" in entry:  # a known shortfall, written down: the test says when it is fixed
        request.applymarker(pytest.mark.xfail(reason=str(entry["importer_gap"]), strict=True))
    if path.suffix == ".html":
        pytest.importorskip("trafilatura")
    imported = import_raw(read_raw(path))
    report = imported.report
    found = {"title": report.title, "paragraphs": report.paragraphs,
             "markers": report.markers, "notes": report.definitions}
    expected = {key: entry[key] for key in found}
    assert found == expected
    write_pack(imported, tmp_path / "pack")
    result = load_pack(tmp_path / "pack")
    assert result.pack is not None and not errors(result.problems), errors(result.problems)

"""The JSON Schema of pack.toml: every bundled and fixture pack is valid against it, every
shape error of the bad-pack corpus is rejected by it, and the importer names it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

from reader.cli import main
from reader.importer import import_text, write_pack
from reader.pack.json_schema import SCHEMA_FILE, SCHEMA_LINE, pack_schema
from reader.resources import bundled_packs

TESTS = Path(__file__).parent
BAD = TESTS / "corpus" / "bad"
# The cases of the bad-pack corpus that are about the shape of pack.toml (what a schema can
# see); the others need the article, the pack's own scale, or are not TOML at all.
SHAPE_ERRORS = (
    "account-missing-says", "article-file-missing-key", "article-table-missing",
    "article-title-missing", "claim-missing-quote", "date-time-not-date", "format-missing",
    "format-newer", "format-string", "notes-not-array", "source-id-invalid",
    "source-kind-invalid", "sources-not-array", "stance-invalid", "unknown-claim-key",
    "unknown-top-key", "url-bad-scheme", "verdicts-missing-label", "wrong-type-quote",
)


def as_editors_see_it(value: Any) -> Any:
    """TOML as TOML editors hand it to a schema: dates and times as their ISO strings."""
    if isinstance(value, dict):
        return {key: as_editors_see_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editors_see_it(item) for item in value]
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def validator() -> jsonschema.Draft7Validator:
    schema = pack_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def problems_of(pack_toml: Path) -> list[str]:
    data = as_editors_see_it(tomli.loads(pack_toml.read_text(encoding="utf-8")))
    return [error.message for error in validator().iter_errors(data)]


@pytest.mark.parametrize(
    "folder",
    [*bundled_packs(), TESTS / "fixtures" / "river", TESTS / "fixtures" / "hostile"],
    ids=lambda p: p.name,
)
def test_good_packs_are_valid(folder: Path) -> None:
    assert problems_of(folder / "pack.toml") == []


@pytest.mark.parametrize("case", SHAPE_ERRORS)
def test_each_shape_error_of_the_bad_pack_corpus_is_rejected(case: str) -> None:
    assert problems_of(BAD / case / "pack.toml"), case


def test_the_importer_names_the_schema_and_writes_it_beside_the_pack(tmp_path: Path) -> None:
    write_pack(import_text("A title\n\nThe river rose in 2021, the council said.\n",
                           source_name="t.txt"), tmp_path / "pack")
    text = (tmp_path / "pack" / "pack.toml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    written = json.loads((tmp_path / "pack" / SCHEMA_FILE).read_text(encoding="utf-8"))
    assert written == pack_schema()
    assert problems_of(tmp_path / "pack" / "pack.toml") == []


def test_lateral_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == pack_schema()

"""Loading packs: the documented example, the bad-input corpus, and loader properties."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from reader.model import DEFAULT_SCALE
from reader.pack.load import MAX_PACK_BYTES, load_pack
from reader.pack.positions import PositionIndex
from reader.problems import Problem, errors, has_errors

from .conftest import BUNDLED, CORPUS, FIXTURES, examples

BAD = sorted(p for p in (CORPUS / "bad").iterdir() if p.is_dir())


def formatted(problems: list[Problem], folder: Path) -> list[str]:
    return [p.format().replace(str(folder) + "/", "") for p in problems]


def test_documented_example_is_clean(river: Path) -> None:
    result = load_pack(river)
    assert result.problems == []
    pack = result.pack
    assert pack is not None
    assert pack.meta.published == dt.date(2024, 11, 19)
    assert [c.id for c in pack.claims] == ["highest-in-100-years", "walls-by-2026"]
    claim = pack.claims[0]
    assert claim.anchor.status == "exact"
    assert pack.article.text[claim.anchor.start : claim.anchor.end] == claim.quote
    assert claim.verdict == "false" and len(claim.accounts) == 2
    assert claim.notes and claim.questions
    assert pack.claims[1].prompts == ("Is a promise something that can be checked yet?",)
    assert set(pack.footnote_cards) == {"1", "^walls"}
    assert pack.scale == DEFAULT_SCALE
    first = pack.article.sentences[claim.sentences[0]]
    assert pack.article.text[first.start : first.end].startswith("The river rose")


def test_documentation_example_matches_fixture() -> None:
    doc = (FIXTURES.parent.parent / "docs" / "pack-format.md").read_text(encoding="utf-8")
    assert (FIXTURES / "river" / "pack.toml").read_text(encoding="utf-8") in doc
    assert (FIXTURES / "river" / "article.md").read_text(encoding="utf-8") in doc


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_input_gives_exact_problems(case: Path) -> None:
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = load_pack(case)
    assert formatted(result.problems, case) == expected
    assert has_errors(result.problems) == (
        any(": error: " in line for line in expected)
    )


def test_corpus_is_large_enough() -> None:
    assert len(BAD) >= 30


def test_pack_over_size_limit(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_bytes(b"#" * (MAX_PACK_BYTES + 1))
    result = load_pack(tmp_path)
    assert formatted(result.problems, tmp_path) == [
        "pack.toml: error: pack file is 5.0 MB; packs are limited to 5 MB"
    ]


def test_missing_folder_and_missing_pack_toml(tmp_path: Path) -> None:
    assert formatted(load_pack(tmp_path).problems, tmp_path) == [
        "pack.toml: error: no pack.toml in this folder (run `lateral import` to make one)"
    ]
    gone = tmp_path / "nowhere"
    assert load_pack(gone).problems[0].message == "no such file or folder"


def test_symlinked_article_leaving_the_folder_is_refused(tmp_path: Path, river: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(river, pack)
    outside = tmp_path / "outside.md"
    outside.write_text("secret", encoding="utf-8")
    (pack / "article.md").unlink()
    (pack / "article.md").symlink_to(outside)
    problems = formatted(load_pack(pack).problems, pack)
    assert problems[0].startswith('pack.toml:5:8: error: article: file "article.md" must be inside')


def test_custom_scale_replaces_default(tmp_path: Path, river: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(river, pack)
    source = (pack / "pack.toml").read_text(encoding="utf-8")
    source = source.replace('verdict = "unverifiable"', 'verdict = "open"')
    source += '\n[verdicts.false]\nlabel = "Not true"\n\n[verdicts.open]\nlabel = "Still open"\n'
    (pack / "pack.toml").write_text(source, encoding="utf-8")
    result = load_pack(pack)
    assert result.problems == []
    assert result.pack is not None
    scale = result.pack.scale
    assert scale.ids == ("false", "open")
    assert scale.get("false") is not None and scale.get("false").glyph == "✘"  # type: ignore[union-attr]
    assert scale.get("open").glyph == "●"  # type: ignore[union-attr]


def test_bundled_pack_loads_without_errors() -> None:
    result = load_pack(BUNDLED)
    assert result.pack is not None
    assert not errors(result.problems)


def test_positions_for_nested_and_inline_values() -> None:
    source = (
        'format = 1\n[[claims]]\nid = "a"\n[[claims.accounts]]\nsource = "x"\n'
        '[[claims]]\nid = "b"\naccounts = [ {source = "y"},\n  {source = "z"} ]\n'
        '"quoted.key" = """multi\nline"""\nwhen = 1979-05-27 07:32:00Z\nafter = 1\n'
    )
    index = PositionIndex(source)
    assert index.locate(("claims", 0, "accounts", 0, "source")) == (5, 10)
    assert index.locate(("claims", 1, "accounts", 1, "source")) == (9, 13)
    assert index.locate(("claims", 1, "quoted.key"), key=True) == (10, 1)
    assert index.locate(("claims", 1, "after")) == (13, 9)
    assert index.locate(("claims", 1, "missing")) == (6, 1)


# -- properties -------------------------------------------------------------------------------

FIELD = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["[/]", "[@click=app.quit]x[/]", "\x1b[2J", "\u202e", "Lachin\u2011Khankendi", "R.Vardanyan"]
)
PACKS = st.fixed_dictionaries(
    {
        "format": st.just(1),
        "article": st.fixed_dictionaries({"title": FIELD, "file": st.just("article.md")}),
        "sources": st.lists(
            st.fixed_dictionaries(
                {"id": st.from_regex(r"[a-z]{1,6}", fullmatch=True), "title": FIELD}
            ),
            max_size=3,
        ),
        "claims": st.lists(
            st.fixed_dictionaries(
                {"id": st.from_regex(r"[a-z]{1,6}", fullmatch=True), "quote": FIELD},
                optional={"summary": FIELD, "verdict": st.sampled_from(DEFAULT_SCALE.ids)},
            ),
            max_size=3,
        ),
    }
)


@st.composite
def mutated_pack_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(tomli_w.dumps(draw(PACKS)).encode("utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "flip",
                    "delete",
                    "insert",
                    "truncate",
                    "bom",
                    "crlf",
                    "cr",
                    "latin1",
                    "nul",
                    "dup-line",
                    "deep",
                ]
            )
        )
        position = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[position] ^= draw(st.integers(1, 255))
        elif kind == "delete" and data:
            del data[position]
        elif kind == "insert":
            data[position:position] = draw(st.sampled_from([b"[", b"]", b'"', b"=", b"\n", b"{"]))
        elif kind == "truncate":
            del data[position:]
        elif kind == "bom":
            data[0:0] = b"\xef\xbb\xbf"
        elif kind == "crlf":
            data = bytearray(bytes(data).replace(b"\n", b"\r\n"))
        elif kind == "cr":
            data[position:position] = b"\r"
        elif kind == "latin1":
            data += "\nx = 'Hayästan'".encode("latin-1")
        elif kind == "nul":
            data[position:position] = b"\x00"
        elif kind == "dup-line":
            lines = bytes(data).split(b"\n")
            index = min(position, len(lines) - 1)
            lines.insert(index, lines[index])
            data = bytearray(b"\n".join(lines))
        elif kind == "deep":
            data += b"\ndeep = " + b"[" * 1000 + b"]" * 1000 + b"\n"
    return bytes(data)


@examples(10000)
@given(mutated_pack_bytes())
def test_loader_never_raises_and_positions_are_in_the_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    folder = tmp_path_factory.mktemp("pack")
    (folder / "article.md").write_text("An article. R.Vardanyan spoke.\n", encoding="utf-8")
    (folder / "pack.toml").write_bytes(data)
    result = load_pack(folder)
    line_count = data.count(b"\n") + data.count(b"\r") + 1
    for problem in result.problems:
        assert problem.path is not None and problem.path.startswith(str(folder))
        if problem.line is not None and problem.path.endswith("pack.toml"):
            assert 1 <= problem.line <= line_count
        assert "\x1b" not in problem.format()


def test_deferred_anchoring_places_the_same_claims(
    river: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.pack import load as load_module

    monkeypatch.setattr(load_module, "DEFER_ANCHORING_ABOVE", 0)
    deferred = load_pack(river, defer_anchoring=True)
    assert deferred.pack is not None and deferred.place_claims is not None
    assert {c.anchor.status for c in deferred.pack.claims} == {"pending"}
    placed, problems = deferred.place_claims()
    full = load_pack(river)
    assert full.pack is not None
    assert placed == full.pack.claims and problems == []


def test_deferred_anchoring_reports_quote_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.pack import load as load_module

    monkeypatch.setattr(load_module, "DEFER_ANCHORING_ABOVE", 0)
    case = CORPUS / "bad" / "quote-ambiguous"
    deferred = load_pack(case, defer_anchoring=True)
    assert not errors(deferred.problems)
    assert deferred.place_claims is not None
    _, problems = deferred.place_claims()
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert formatted(problems, case) == expected


def test_short_articles_are_never_deferred(river: Path) -> None:
    result = load_pack(river, defer_anchoring=True)
    assert result.place_claims is None
    assert result.pack is not None and result.pack.claims[0].anchor.status == "exact"

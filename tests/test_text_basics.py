"""Canonical text, display sanitising, TOML strings."""

from __future__ import annotations

import tomli
from hypothesis import given
from hypothesis import strategies as st

from reader.text.canonical import LineIndex, Utf8Error, canonicalize, decode_utf8
from reader.text.sanitize import sanitize_for_display, sanitize_line
from reader.tomlwrite import toml_string


def test_canonicalize_removes_bom_and_unifies_newlines() -> None:
    assert canonicalize("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert canonicalize("no change\n") == "no change\n"


def test_decode_reports_line_and_column_of_bad_byte() -> None:
    data = "first line\nsecond ä".encode("latin-1")
    try:
        decode_utf8(data)
    except Utf8Error as exc:
        assert (exc.line, exc.col) == (2, 8)
        assert "0xe4" in exc.message
    else:  # pragma: no cover
        raise AssertionError("expected Utf8Error")


def test_decode_refuses_utf16_with_advice() -> None:
    try:
        decode_utf8("text".encode("utf-16"))
    except Utf8Error as exc:
        assert "UTF-16" in exc.message
    else:  # pragma: no cover
        raise AssertionError("expected Utf8Error")


def test_decode_accepts_bom() -> None:
    assert decode_utf8(b"\xef\xbb\xbfhi") == "hi"


def test_line_index_matches_manual_count() -> None:
    text = "ab\ncd\n\nef"
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        assert index.line_col(offset) == (line, col)


def test_sanitize_makes_controls_visible() -> None:
    assert sanitize_for_display("a\x1b[2Jb") == "a␛[2Jb"
    assert sanitize_for_display("x\x00y\x7fz") == "x␀y␡z"
    assert sanitize_for_display("c1\x9bJ") == "c1\ufffdJ"
    assert sanitize_for_display("\u202egnp.exe") == "\ufffdgnp.exe"
    assert sanitize_for_display("tab\there") == "tab here"
    assert sanitize_for_display("keep\nnewline") == "keep\nnewline"
    assert sanitize_line("one\ntwo") == "one two"
    assert sanitize_for_display("a\rb") == "a␍b"


@given(st.text())
def test_sanitize_keeps_length_and_removes_every_control(text: str) -> None:
    shown = sanitize_for_display(text)
    assert len(shown) == len(text)
    for char in shown:
        code = ord(char)
        assert char == "\n" or code >= 0x20
        assert not (0x7F <= code <= 0x9F)
        assert not (0x202A <= code <= 0x202E) and not (0x2066 <= code <= 0x2069)
        assert not (0xD800 <= code <= 0xDFFF)
    shown.encode("utf-8")  # never raises: no lone surrogates


@given(st.text(st.characters(codec="utf-8")))
def test_toml_string_round_trips(value: str) -> None:
    assert tomli.loads(f"v = {toml_string(value)}")["v"] == value


@given(st.text(st.characters(codec="utf-8"), min_size=1), st.text(st.characters(codec="utf-8")))
def test_skeleton_keys_and_strings_round_trip(key: str, value: str) -> None:
    from reader.ingest.skeleton import Skeleton

    skeleton = Skeleton()
    skeleton.sub_table("footnotes", key)
    skeleton.string("note", value)
    assert tomli.loads(skeleton.text()) == {"footnotes": {key: {"note": value}}}


def test_sanitizer_search_patterns_match_the_tables() -> None:
    from reader.text import sanitize

    table, line_table = sanitize._table(True), sanitize._table(False)
    for code in range(0x10000):
        char = chr(code)
        assert (sanitize._NEEDS_CHANGE.search(char) is not None) == (code in table)
        assert (sanitize._NEEDS_CHANGE_LINE.search(char) is not None) == (code in line_table)
        assert (sanitize._BIDI.search(char) is not None) == (char in sanitize.BIDI_CONTROLS)

"""The type checks of ``pack.toml`` values: one per spec type, each accepting and rejecting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reader.pack.checker import INVALID, TYPE_CHECKS, Checker
from reader.pack.positions import PositionIndex
from reader.pack.schema import SPECS, FieldSpec

SOURCE = 'value = "x"\n'


def check(kind: str, value: Any, **spec: Any) -> tuple[Any, list[tuple[str, str, str]]]:
    """What the check for ``kind`` returns for ``value``, and the problems it reported."""
    checker = Checker("pack.toml", PositionIndex(SOURCE))
    checked = TYPE_CHECKS[kind](checker, value, FieldSpec(kind, **spec), ("value",), "v")
    return checked, [(p.severity, p.code, p.message) for p in checker.problems]


def test_every_type_in_the_spec_has_a_check() -> None:
    used = {field.type for table in SPECS.values() for field in table.values()}
    assert used == set(TYPE_CHECKS)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("str", "a title"),
        ("str", ""),  # empty is fine where not required
        ("id", "un-2023-10-02"),
        ("url", "https://example.org/a?b=c"),
        ("url", "http://example.org"),
        ("int", 1),
        ("int", -3),
        ("date", dt.date(2023, 10, 5)),
        ("table", {"a": 1}),
        ("tables", [{"a": 1}, {}]),
        ("tables", []),
        ("labelled-tables", {"1": {"note": "n"}}),
    ],
)
def test_a_good_value_is_returned_as_it_is(kind: str, value: Any) -> None:
    assert check(kind, value) == (value, [])


@pytest.mark.parametrize(
    ("kind", "value", "code", "message"),
    [
        ("str", 3, "type", "v: expected a string, got integer"),
        ("id", "Bad Id", "bad-id", 'v: "Bad Id" is not a valid id; use lowercase letters'),
        ("id", "a--b", "bad-id", 'v: "a--b" is not a valid id'),
        ("id", ["a"], "type", "v: expected a string, got array"),
        ("url", "ftp://example.org", "bad-url", 'v: "ftp://example.org" is not a web address'),
        ("url", "https://a b", "bad-url", 'v: "https://a b" is not a web address'),
        ("url", "", "bad-url", 'v: "" is not a web address'),
        ("int", True, "type", "v: expected an integer, got boolean"),
        ("int", 1.5, "type", "v: expected an integer, got float"),
        ("int", "1", "type", "v: expected an integer, got string"),
        (
            "date",
            dt.datetime(2023, 10, 5, 9, 0),
            "type",
            "v: expected a date like 2023-10-05, got a date-time",
        ),
        ("date", "2023-10-05", "type", "v: write dates without quotes, like 2023-10-05"),
        ("date", "5 October", "type", "v: expected a date like 2023-10-05, got string"),
        ("date", dt.time(9, 0), "type", "v: expected a date like 2023-10-05, got time"),
        ("table", [], "type", "v: expected a table, got array"),
        ("labelled-tables", "x", "type", "v: expected a table, got string"),
        ("tables", {}, "type", "v: expected an array of tables ([[value]]), got table"),
        ("tables", [{}, 1], "type", "v: expected an array of tables ([[value]]), got array"),
        ("text-items", "x", "type", 'v: expected an array of tables with a "text" key, got string'),
    ],
)
def test_a_bad_value_is_reported_and_not_used(
    kind: str, value: Any, code: str, message: str
) -> None:
    checked, problems = check(kind, value)
    assert checked is INVALID
    [(severity, found_code, found_message)] = problems
    assert (severity, found_code) == ("error", code)
    assert found_message.startswith(message)


def test_a_required_string_must_not_be_blank() -> None:
    assert check("str", " \t", required=True) == (
        INVALID,
        [("error", "empty", "v: must not be empty")],
    )
    assert check("url", "", required=True)[1][0][1] == "empty"  # blank before "not a web address"


def test_choices_are_enforced_with_a_hint() -> None:
    checked, problems = check("str", "suports", choices=("supports", "disputes"))
    assert checked is INVALID
    assert problems == [
        (
            "error",
            "bad-choice",
            'v: "suports" is not one of: supports, disputes; did you mean "supports"?',
        )
    ]
    assert check("str", "disputes", choices=("supports", "disputes")) == ("disputes", [])


def test_bidi_controls_are_kept_with_a_warning() -> None:
    checked, problems = check("str", "a\u202eb")
    assert checked == "a\u202eb"
    assert [(severity, code) for severity, code, _ in problems] == [("warning", "bidi")]


def test_text_items_take_strings_and_text_tables() -> None:
    checked, problems = check("text-items", ["one", {"text": "two"}, 3, {"txt": "x"}, {"text": 4}])
    assert checked == ("one", "two")
    assert [(code, message.split(":")[0]) for _, code, message in problems] == [
        ("type", "v[3]"),
        ("unknown-key", "v[4]"),
        ("missing-key", "v[4]"),
        ("type", "v[5]"),
    ]


def test_a_table_is_checked_key_by_key() -> None:
    checker = Checker("pack.toml", PositionIndex(SOURCE))
    values, complete = checker.table_values(
        {"label": "Supported", "glyf": "+", "tone": "great"}, "verdict", ("verdicts", "x"), "x"
    )
    assert (values, complete) == ({"label": "Supported"}, True)
    assert [p.code for p in checker.problems] == ["unknown-key", "bad-choice"]
    assert 'did you mean "glyph"?' in checker.problems[0].message
    assert checker.table({"glyph": "+"}, "verdict", ("verdicts", "x"), "x") is None
    assert checker.problems[-1].message == 'x: missing required key "label"'

"""The search a reader is in the middle of: on a match, off every match, forgotten."""

from __future__ import annotations

from reader.search import SearchState

TEXT = "one cat. two cats. three dogs. four cats."


def test_leaving_the_matches_then_n_goes_on_from_where_the_reader_is() -> None:
    search = SearchState()
    assert search.find(TEXT, "cat", -1)
    assert search.status() == "match 1 of 3"
    search.leave()
    assert search.status() == "3 matches (n: next, Esc: clear)"
    assert search.step(forward=True, here=TEXT.index("three"))
    assert search.current_start == TEXT.index("cats.", 30)
    assert search.status() == "match 3 of 3"


def test_clearing_forgets_the_search() -> None:
    search = SearchState()
    search.find(TEXT, "dog", -1)
    search.clear()
    assert search.status() is None and search.matches == [] and search.query == ""
    assert not search.step(forward=True)

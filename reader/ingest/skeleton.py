"""The pack skeleton the importer writes, built as a ``tomlkit`` document: the same library
author mode edits ``pack.toml`` with, so what the importer writes and what the reader rewrites
are laid out alike.

The skeleton is written in reading order: comments, keys, tables and blank lines are added
where they stand. Strings are written as the reader writes every string of a pack
(:func:`reader.tomlwrite.toml_string`: control and bidirectional characters escaped).
"""

from __future__ import annotations

__all__ = ["Skeleton"]

import tomlkit
from tomlkit.container import Container
from tomlkit.items import Comment, Item, Table, Trivia

from reader.tomlwrite import toml_string


class Skeleton:
    """A ``pack.toml`` being written, top to bottom."""

    def __init__(self) -> None:
        self.doc = tomlkit.document()
        self._here: Container | Table = self.doc

    def comment(self, text: str) -> None:
        """``# text`` on a line of its own."""
        self._here.add(tomlkit.comment(text))

    def directive(self, line: str) -> None:
        """A comment line written exactly as given (``#:schema ./pack.schema.json``)."""
        self._here.add(Comment(Trivia(comment_ws="", comment=line, trail="\n")))

    def blank(self) -> None:
        self._here.add(tomlkit.nl())

    def string(self, key: str, value: str) -> None:
        self._add(key, tomlkit.value(toml_string(value)))

    def raw(self, key: str, value: str) -> None:
        """A value written as it is (a number, a date)."""
        self._add(key, tomlkit.value(value))

    def _add(self, key: str, item: Item) -> None:
        self._here.add(key, item)

    def table(self, name: str) -> None:
        """``[name]``: what follows goes into it."""
        table = tomlkit.table()
        self.doc.add(name, table)
        self._here = table

    def array_table(self, name: str) -> None:
        """``[[name]]``: a new table of the array ``name``; what follows goes into it."""
        tables = self.doc.get(name)
        if tables is None:
            tables = tomlkit.aot()
            self.doc.add(name, tables)
        table = tomlkit.table()
        tables.append(table)
        table.trivia.indent = ""  # the blank line before it is the previous table's
        self._here = table

    def sub_table(self, parent: str, name: str) -> None:
        """``[parent.name]`` (``parent`` holds only such tables)."""
        holder = self.doc.get(parent)
        if holder is None:
            holder = tomlkit.table(is_super_table=True)
            self.doc.add(parent, holder)
        table = tomlkit.table()
        holder.add(name, table)
        self._here = table

    def text(self) -> str:
        return tomlkit.dumps(self.doc)

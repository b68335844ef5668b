"""Where each key and value of a TOML document stands (line and column).

``tomli`` gives positions for syntax errors but not for values, and a teacher needs
``pack.toml:41:9`` for a schema error too. This scanner runs only on documents ``tomli`` has
already accepted, so it can be small: it walks the grammar and records the position of every
key path, e.g. ``("claims", 3, "accounts", 0, "source")``.
"""

from __future__ import annotations

__all__ = ["KeyPath", "PositionIndex"]

import json
import re
from collections.abc import Iterator

from reader.text.canonical import LineIndex

KeyPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_WS = re.compile(r"[ \t]*")
_WS_NL_COMMENT = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_SCALAR_END = re.compile(r"[,\]}\s#]")
_DATE_TIME_JOIN = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:")


class PositionIndex:
    """Positions of keys and values in a TOML source, by key path."""

    def __init__(self, source: str) -> None:
        self._src = source
        self._lines: LineIndex | None = None
        self._values: dict[KeyPath, int] = {}
        self._keys: dict[KeyPath, int] = {}
        self._array_tables: dict[KeyPath, int] = {}
        self._scanner: Iterator[None] | None = None
        self._done = False

    def _advance(self, wanted: KeyPath | None) -> None:
        """Scan on until ``wanted`` has a position (or to the end when it is None).

        Scanning is incremental: a problem near the top of a large pack costs only the lines
        above it.
        """
        if self._done:
            return
        if self._scanner is None:
            self._scanner = self._document()
        try:
            while wanted is None or (wanted not in self._values and wanted not in self._keys):
                next(self._scanner)
        except StopIteration:
            self._done = True
        except (IndexError, ValueError):  # never expected on valid TOML; stay partial
            self._done = True

    @property
    def values(self) -> dict[KeyPath, int]:
        self._advance(None)
        return self._values

    @property
    def keys(self) -> dict[KeyPath, int]:
        self._advance(None)
        return self._keys

    # -- lookups -----------------------------------------------------------------------------

    def locate(self, path: KeyPath, key: bool = False) -> tuple[int, int] | None:
        """(line, col) of the value at ``path`` (or its key), else of the nearest ancestor."""
        probe = tuple(path)
        self._advance(probe)
        if self._lines is None:
            self._lines = LineIndex(self._src)
        table = self._keys if key else self._values
        while probe:
            if probe in table:
                return self._lines.line_col(table[probe])
            if probe in self._values:
                return self._lines.line_col(self._values[probe])
            if probe in self._keys:
                return self._lines.line_col(self._keys[probe])
            probe = probe[:-1]
        return None

    # -- scanner -----------------------------------------------------------------------------

    def _skip(self, pos: int) -> int:
        match = _WS_NL_COMMENT.match(self._src, pos)
        return match.end() if match else pos

    def _document(self) -> Iterator[None]:
        src = self._src
        pos = self._skip(0)
        table: KeyPath = ()
        while pos < len(src):
            yield
            if src.startswith("[[", pos):
                keys, pos = self._key(self._ws(pos + 2))
                pos = self._ws(pos)
                pos += 2  # "]]"
                resolved = self._resolve(keys)
                count = self._array_tables.get(resolved, 0)
                self._array_tables[resolved] = count + 1
                table = (*resolved, count)
                self._note_parents(resolved, self._header_start(pos))
                self._keys.setdefault(resolved, self._header_start(pos))
                self._values[table] = self._header_start(pos)
                self._keys[table] = self._header_start(pos)
            elif src[pos] == "[":
                header = pos
                keys, pos = self._key(self._ws(pos + 1))
                pos = self._ws(pos) + 1  # "]"
                table = self._resolve(keys)
                self._note_parents(table, header)
                self._values.setdefault(table, header)
                self._keys.setdefault(table, header)
            else:
                pos = self._key_value(pos, table)
            pos = self._skip(pos)

    def _note_parents(self, path: KeyPath, header: int) -> None:
        """A header such as ``[[claim.accounts]]`` is where its first key (``claim``) is
        written too, if nothing wrote it before: an unknown key there gets a line."""
        for end in range(1, len(path)):
            self._keys.setdefault(path[:end], header)

    def _header_start(self, pos: int) -> int:
        return self._src.rfind("[[", 0, pos)

    def _resolve(self, keys: list[str]) -> KeyPath:
        resolved: list[str | int] = []
        last = len(keys) - 1
        for i, key in enumerate(keys):
            resolved.append(key)
            count = self._array_tables.get(tuple(resolved))
            if count and i < last:
                resolved.append(count - 1)
        # The last key of a header names the table itself (not an element of it).
        return tuple(resolved)

    def _ws(self, pos: int) -> int:
        match = _WS.match(self._src, pos)
        return match.end() if match else pos

    def _key(self, pos: int) -> tuple[list[str], int]:
        keys: list[str] = []
        while True:
            pos = self._ws(pos)
            char = self._src[pos]
            if char == '"':
                value, pos = self._basic_string(pos)
            elif char == "'":
                end = self._src.index("'", pos + 1)
                value, pos = self._src[pos + 1 : end], end + 1
            else:
                match = _BARE_KEY.match(self._src, pos)
                if match is None:
                    raise ValueError("bad key")
                value, pos = match.group(0), match.end()
            keys.append(value)
            pos = self._ws(pos)
            if pos < len(self._src) and self._src[pos] == ".":
                pos += 1
                continue
            return keys, pos

    def _key_value(self, pos: int, table: KeyPath) -> int:
        key_start = pos
        keys, pos = self._key(pos)
        pos = self._ws(pos) + 1  # "="
        pos = self._ws(pos)
        path = (*table, *keys)
        self._keys[path] = key_start
        return self._value(pos, path)

    def _value(self, pos: int, path: KeyPath) -> int:
        src = self._src
        self._values[path] = pos
        char = src[pos]
        if src.startswith('"""', pos):
            end = pos + 3
            while True:
                end = src.index('"""', end)
                backslashes = 0
                probe = end - 1
                while src[probe] == "\\":
                    backslashes += 1
                    probe -= 1
                if backslashes % 2 == 0:
                    break
                end += 1
            end += 3
            while end < len(src) and src[end] == '"':  # up to two quotes may close the string
                end += 1
            return end
        if src.startswith("'''", pos):
            end = src.index("'''", pos + 3) + 3
            while end < len(src) and src[end] == "'":
                end += 1
            return end
        if char == '"':
            return self._skip_basic_string(pos)
        if char == "'":
            return src.index("'", pos + 1) + 1
        if char == "[":
            pos = self._skip(pos + 1)
            index = 0
            while src[pos] != "]":
                pos = self._value(pos, (*path, index))
                index += 1
                pos = self._skip(pos)
                if src[pos] == ",":
                    pos = self._skip(pos + 1)
            return pos + 1
        if char == "{":
            pos = self._ws(pos + 1)
            while src[pos] != "}":
                key_start = pos
                keys, pos = self._key(pos)
                pos = self._ws(self._ws(pos) + 1)
                child = path + tuple(keys)
                self._keys[child] = key_start
                pos = self._value(pos, child)
                pos = self._ws(pos)
                if src[pos] == ",":
                    pos = self._ws(pos + 1)
            return pos + 1
        if _DATE_TIME_JOIN.match(src, pos):
            pos += 11
        match = _SCALAR_END.search(src, pos)
        return match.start() if match else len(src)

    def _basic_string(self, pos: int) -> tuple[str, int]:
        """A basic string's value and the offset after it."""
        end = self._skip_basic_string(pos)
        raw = self._src[pos + 1 : end - 1]
        if "\\" not in raw:
            return raw, end
        try:
            value = json.loads('"' + raw + '"')
        except ValueError:
            value = raw
        return value, end

    def _skip_basic_string(self, pos: int) -> int:
        match = _BASIC_STRING.match(self._src, pos)
        if match is None:
            raise ValueError("unterminated string")
        return match.end()

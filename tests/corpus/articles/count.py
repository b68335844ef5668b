"""Count what a text in this corpus holds, independently of the importer.

Each entry of ``expected.toml`` says, in its own words, where the article's body starts and
ends (``body_first`` / ``body_last``: exact text), how its paragraphs are separated, and what
its markers and notes look like (regular expressions). This script counts from those hints
alone; the counts were then checked by eye and written into the entry.

    python tests/corpus/articles/count.py            # every entry: counted vs expected
    python tests/corpus/articles/count.py FILE ...   # only these files
"""

from __future__ import annotations

import re
import sys
import tomli
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def read(name: str) -> str:
    text = (HERE / name).read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def body_of(text: str, entry: dict[str, Any]) -> str:
    start = text.index(entry["body_first"])
    end = text.index(entry["body_last"], start) + len(entry["body_last"])
    return text[start:end]


def count(entry: dict[str, Any]) -> dict[str, int]:
    text = read(entry["file"])
    body = body_of(text, entry)
    skip = re.compile(entry.get("skip_re", r"(?!)"), re.MULTILINE)
    note = re.compile(entry.get("note_re", r"(?!)"), re.MULTILINE)
    if entry.get("paragraph_rule", "blank-lines") == "lines":
        units = [line for line in body.split("\n") if line.strip()]
    else:
        units = [b for b in re.split(r"\n[ \t]*\n", body) if b.strip()]
    close: str | None = entry.get("note_close")  # a note runs over blank lines until this closes it
    paragraphs = []
    in_note = False
    for unit in units:
        stripped = unit.strip()
        if in_note or note.match(stripped):
            in_note = close is not None and not stripped.endswith(close)
            continue
        if not skip.match(stripped):
            paragraphs.append(unit)
    marker = re.compile(entry.get("marker_re", r"(?!)"))
    markers = sum(len(marker.findall(u)) for u in paragraphs)
    notes_text = text
    if "notes_first" in entry:
        notes_text = text[text.index(entry["notes_first"]):]
        if "notes_last" in entry:
            notes_text = notes_text[: notes_text.index(entry["notes_last"]) + len(entry["notes_last"])]
    labels = {m.group(1) for m in note.finditer(notes_text)}
    return {"paragraphs": len(paragraphs), "markers": markers, "notes": len(labels)}


def main(argv: list[str]) -> int:
    entries = [
        entry
        for path in sorted(HERE.glob("expected*.toml"))
        for entry in tomli.loads(path.read_text(encoding="utf-8"))["text"]
    ]
    bad = 0
    for entry in entries:
        if argv and entry["file"] not in argv:
            continue
        if entry.get("paragraph_rule") == "html":
            print(f"by eye {entry['file']}: a web page, counted by eye (see SOURCES-c.md)")
            continue
        got = count(entry)
        want = {k: entry.get(k) for k in got}
        mark = "ok " if got == want else "DIFF"
        bad += got != want
        print(f"{mark} {entry['file']}: counted {got}, expected {want}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

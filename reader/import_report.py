"""What `lateral import` found in a raw article, for the person importing it and for tools."""

from __future__ import annotations

__all__ = ["ImportReport"]

from dataclasses import dataclass, field

from reader.problems import Problem


@dataclass
class ImportReport:
    title: str
    publisher: str | None
    title_source: str = "none found"  # --title, YAML/TOML front matter, the first line, ...
    front_matter: str | None = None  # "YAML" or "TOML" when the article had front matter
    removed_lines: list[str] = field(default_factory=list)
    paragraphs: int = 0
    sentences: int = 0
    markers: int = 0
    definitions: int = 0
    split_notes: list[str] = field(default_factory=list)
    repeated_notes: int = 0
    orphan_markers: list[str] = field(default_factory=list)
    orphan_notes: list[str] = field(default_factory=list)
    footnoted_stubs: int = 0
    other_stubs: int = 0
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        """The report for tools: what was found, and every problem with its place."""
        return {
            "title": self.title,
            "title_source": self.title_source,
            "front_matter": self.front_matter,
            "publisher": self.publisher,
            "removed_lines": list(self.removed_lines),
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "markers": self.markers,
            "notes": self.definitions,
            "notes_continued": list(self.split_notes),
            "repeated_notes": self.repeated_notes,
            "markers_without_note": list(self.orphan_markers),
            "notes_never_cited": list(self.orphan_notes),
            "claim_stubs": {"footnoted": self.footnoted_stubs, "other": self.other_stubs},
            "problems": [
                {"severity": p.severity, "code": p.code, "message": p.message, "line": p.line}
                for p in self.problems
            ],
        }

    def lines(self) -> list[str]:
        removed = (
            f"{len(self.removed_lines)} line(s) of site navigation: "
            + ", ".join(f'"{line}"' for line in self.removed_lines)
            if self.removed_lines
            else "nothing"
        )
        notes_detail = []
        if self.split_notes:
            notes_detail.append(
                "continued over a blank line: " + ", ".join(f"[{n}]" for n in self.split_notes)
            )
        if self.repeated_notes:
            notes_detail.append(f"a repeated copy of the list ({self.repeated_notes}) ignored")
        orphans = []
        if self.orphan_markers:
            orphans.append(
                "markers with no note: " + ", ".join(f"[{m}]" for m in self.orphan_markers)
            )
        if self.orphan_notes:
            orphans.append("notes never cited: " + ", ".join(f"[{n}]" for n in self.orphan_notes))
        return [
            f"title        {self.title} (from {self.title_source})",
            f"front matter {self.front_matter or 'none'}",
            f"publisher    {self.publisher or '(not found)'}",
            f"removed      {removed}",
            f"paragraphs   {self.paragraphs}",
            f"sentences    {self.sentences}",
            f"markers      {self.markers}",
            f"notes        {self.definitions}"
            + (f" ({'; '.join(notes_detail)})" if notes_detail else ""),
            f"orphans      {'; '.join(orphans) if orphans else 'none'}",
            f"claim stubs  {self.footnoted_stubs + self.other_stubs} "
            f"({self.footnoted_stubs} footnoted, {self.other_stubs} with numbers, dates, "
            "quotations or attributions)",
        ]

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
    layouts: list[str] = field(default_factory=list)  # each layout recognised
    details: dict[str, str] = field(default_factory=dict)  # author, published, url, ...
    removed: list[str] = field(default_factory=list)  # each block cut, by its first words
    paragraphs: int = 0
    sentences: int = 0
    markers: int = 0
    definitions: int = 0
    notes_style: str | None = None
    notes_title: str | None = None
    marker_forms: dict[str, int] = field(default_factory=dict)  # raised markers written [n]
    multi_paragraph_notes: list[str] = field(default_factory=list)
    split_notes: list[str] = field(default_factory=list)
    repeated_notes: int = 0
    headings_marked: int = 0
    orphan_markers: list[str] = field(default_factory=list)
    orphan_notes: list[str] = field(default_factory=list)
    footnoted_stubs: int = 0
    other_stubs: int = 0
    unsure: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def removed_lines(self) -> list[str]:
        return self.removed

    def as_json(self) -> dict[str, object]:
        """The report for tools: what was found, and every problem with its place."""
        return {
            "title": self.title,
            "title_source": self.title_source,
            "front_matter": self.front_matter,
            "layouts": list(self.layouts),
            "publisher": self.publisher,
            "details": dict(self.details),
            "removed": list(self.removed),
            "paragraphs": self.paragraphs,
            "sentences": self.sentences,
            "markers": self.markers,
            "notes": self.definitions,
            "notes_style": self.notes_style,
            "notes_title": self.notes_title,
            "markers_rewritten": dict(self.marker_forms),
            "notes_of_several_paragraphs": list(self.multi_paragraph_notes),
            "notes_continued": list(self.split_notes),
            "repeated_notes": self.repeated_notes,
            "headings_marked": self.headings_marked,
            "markers_without_note": list(self.orphan_markers),
            "notes_never_cited": list(self.orphan_notes),
            "claim_stubs": {"footnoted": self.footnoted_stubs, "other": self.other_stubs},
            "unsure": list(self.unsure),
            "problems": [
                {"severity": p.severity, "code": p.code, "message": p.message, "line": p.line}
                for p in self.problems
            ],
        }

    def _notes_line(self) -> str:
        detail = []
        if self.notes_style:
            detail.append(self.notes_style)
        if self.notes_title:
            detail.append(f"under “{self.notes_title}”")
        if self.marker_forms:
            names = {"¹": "raised digits (¹)", "^n": "carets (^1)", "<sup>": "<sup> tags",
                     "glued": "numbers stuck to words (late.3)", "[n]": "brackets"}
            detail.append("markers written [n] from " + ", ".join(
                f"{count} {names.get(form, form)}" for form, count in self.marker_forms.items()
            ))
        if self.multi_paragraph_notes:
            detail.append(f"{len(self.multi_paragraph_notes)} of several paragraphs")
        if self.split_notes:
            detail.append("continued over a blank line: "
                          + ", ".join(f"[{n}]" for n in self.split_notes))
        if self.repeated_notes:
            detail.append(f"the list was printed twice; {self.repeated_notes} repeats ignored")
        return f"notes        {self.definitions}" + (f" ({'; '.join(detail)})" if detail else "")

    def lines(self) -> list[str]:
        removed = (
            f"{len(self.removed)}: " + "; ".join(f"“{line}”" for line in self.removed[:12])
            + (f"; and {len(self.removed) - 12} more" if len(self.removed) > 12 else "")
            if self.removed
            else "nothing"
        )
        orphans = []
        if self.orphan_markers:
            orphans.append(
                "markers with no note: " + ", ".join(f"[{m}]" for m in self.orphan_markers)
            )
        if self.orphan_notes:
            orphans.append("notes never cited: " + ", ".join(f"[{n}]" for n in self.orphan_notes))
        found = ", ".join(f"{key} {value}" for key, value in self.details.items()
                          if key in ("author", "published", "url"))
        lines = [
            f"title        {self.title} (from {self.title_source})",
            f"layout       {', '.join(self.layouts) or 'plain text'}",
            f"front matter {self.front_matter or 'none'}",
            f"publisher    {self.publisher or '(not found)'}",
            f"details      {found or '(no author, date or address found)'}",
            f"removed      {removed}",
            f"paragraphs   {self.paragraphs}"
            + (f" ({self.headings_marked} plain-text titles made headings)"
               if self.headings_marked else ""),
            f"sentences    {self.sentences}",
            f"markers      {self.markers}",
            self._notes_line(),
            f"orphans      {'; '.join(orphans) if orphans else 'none'}",
            f"claim stubs  {self.footnoted_stubs + self.other_stubs} "
            f"({self.footnoted_stubs} footnoted, {self.other_stubs} with numbers, dates, "
            "quotations or attributions)",
        ]
        lines += [f"unsure       {item}" for item in self.unsure]
        return lines

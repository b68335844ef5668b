"""The teacher's view of ``lateral serve``: the class as it reads, and the keys that pace it.

It runs the classroom server in its own event loop (:class:`reader.serve.ClassroomServer`),
looks at the class once a second (:func:`reader.teaching.look_at_class`) and writes the
teacher's decisions to the lesson file every served reader watches (:mod:`reader.lesson`).
Nothing here is reachable from a browser."""

from __future__ import annotations

__all__ = ["TeacherApp"]

import contextlib
import time
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from reader.classroom import reason_line, short_quote
from reader.export.plain import claim_numbers
from reader.lesson import Lesson, lesson_file, write_lesson
from reader.model import Pack
from reader.serving.access import release
from reader.teaching import ClassLook, chart, look_at_class
from reader.text.sanitize import sanitize_line
from reader.ui.safe import safe, safe_line
from reader.ui.widgets.guess_chart import GuessChart

LOOK_EVERY = 1.0


class TeacherApp(App[None]):
    """See the module's notes."""

    CSS_PATH = str(Path(__file__).resolve().parent / "reader.tcss")
    TITLE = "lateral serve"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "pace", "paced on/off", id="teacher.pace"),
        Binding("r", "reveal", "reveal claim", id="teacher.reveal"),
        Binding("R", "reveal_all", "reveal all", id="teacher.reveal_all"),
        Binding("f", "follow", "follow me", id="teacher.follow"),
        Binding("l", "lock", "lock/unlock", id="teacher.lock"),
        Binding("n", "names", "names on/off", id="teacher.names"),
        Binding("x", "release", "release code", id="teacher.release"),
        Binding("d", "debrief", "write debrief", id="teacher.debrief"),
        Binding("q", "stop_class", "stop the class", id="teacher.quit"),
        Binding("ctrl+c", "stop_class", "stop", show=False, priority=True, id="teacher.stop"),
    ]

    def __init__(self, server: Any, pack: Pack, address: str) -> None:
        super().__init__()
        self.server = server
        self.pack = pack
        self.address = address
        self.numbers = claim_numbers(pack)
        self.sessions: Path = server.options.sessions
        self.lesson = Lesson(paced=server.options.quiz)
        self.names = False
        self.look: ClassLook | None = None
        self.events: list[str] = []
        self.debrief_written: list[Path] = []
        self._asked_to_stop = -10.0
        server.options.on_event = self.event

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", id="teacher-head", markup=False)
        with Horizontal(id="teacher-body"):
            with Vertical(id="teacher-left"):
                yield DataTable(id="teacher-students", cursor_type="row", zebra_stripes=True)
                yield Static("", id="teacher-trends", markup=False)
            with Vertical(id="teacher-right"):
                yield OptionList(id="teacher-claims")
                yield GuessChart("", id="teacher-chart", markup=False)
        yield Static("", id="teacher-events", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        table = self.query_one("#teacher-students", DataTable)
        table.add_columns("Student", "On", "Guessed")
        table.add_column("Status", width=7)  # "reading", "not yet": never cut short
        self._fill_claims()
        self._write_lesson()
        await self.server.start()
        self.event(f"Students' notes are kept in {self.sessions}; work handed in goes to "
                   f"{self.server.handed_in}.")
        self._refresh_head()
        self.refresh_class()
        self.set_interval(LOOK_EVERY, self.refresh_class, name="look-at-class")
        self.query_one("#teacher-claims", OptionList).focus()

    async def action_stop_class(self) -> None:
        """Stop the class, once asked twice (a stray key must not end a lesson)."""
        now = time.monotonic()
        if now - self._asked_to_stop > 3:
            self._asked_to_stop = now
            self.notify("Press q again to stop the class: every reader closes, keeping its "
                        "place.", timeout=3)
            return
        await self.action_quit()

    async def action_quit(self) -> None:
        await self.server.stop()
        self.exit()

    # -- what the class is doing -------------------------------------------------------------------

    def event(self, line: str) -> None:
        from textual.css.query import NoMatches

        self.events = [*self.events[-2:], line]
        with contextlib.suppress(NoMatches):  # before the view is up
            self.query_one("#teacher-events", Static).update(safe("\n".join(self.events)))

    def _fill_claims(self) -> None:
        claims = self.query_one("#teacher-claims", OptionList)
        highlighted = claims.highlighted
        claims.clear_options()
        for claim in self.pack.claims:
            number = self.numbers[claim.id]
            marks = ("✓ " if self.lesson.paced and self.lesson.shows_verdict(claim.id) else "") \
                + ("⊘ " if self.lesson.is_locked(claim.id) else "")
            claims.add_option(Option(safe_line(f"C{number} {marks}{short_quote(claim.quote, 60)}"),
                                     id=claim.id))
        claims.highlighted = highlighted if highlighted is not None else 0

    @property
    def selected(self) -> str | None:
        claims = self.query_one("#teacher-claims", OptionList)
        if claims.highlighted is None:
            return None
        return claims.get_option_at_index(claims.highlighted).id

    def refresh_class(self) -> None:
        now = time.monotonic()
        open_readers = {code: now - live.last_seen for code, live in self.server.live.items()}
        self.look = look_at_class(self.pack, self.sessions, open_readers,
                                  self.server.access.roster,
                                  idle_after=min(120.0, self.server.options.idle_minutes * 60))
        table = self.query_one("#teacher-students", DataTable)
        table.clear()
        total = len(self.pack.claims)
        for row in self.look.students:
            who = f"{row.name} ({row.code})" if row.name else row.code
            table.add_row(safe_line(who), safe_line(f"C{row.claim}" if row.claim else "–"),
                          safe_line(f"{row.guessed}/{total}"), safe_line(row.status),
                          key=row.code)
        self._show_trends()
        self._show_chart()
        self._refresh_head()

    def _show_trends(self) -> None:
        if self.look is None:
            return
        missed = ", ".join(f"C{line.number} ({line.agreed}/{line.guessed} agreed)"
                           for line in self.look.most_missed) or "none yet"
        split = ", ".join(f"C{line.number}" for line in self.look.most_split) or "none yet"
        self.query_one("#teacher-trends", Static).update(
            safe(f"Most missed: {missed}\nMost split: {split}"))

    def _show_chart(self) -> None:
        claim_id = self.selected
        if self.look is None or claim_id is None:
            return
        line = next((c for c in self.look.report.claims if c.claim_id == claim_id), None)
        reasons = [reason_line(self.pack, reason, names=self.names)
                   for reason in (line.reasons if line is not None else ())]
        self.query_one("#teacher-chart", GuessChart).show(chart(self.pack, self.look, claim_id),
                                                          reasons)

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self._show_chart()

    def _refresh_head(self) -> None:
        access = self.server.access
        parts = [f"“{self.pack.meta.title}”", f"students open {self.address}"]
        if access.join_word:
            parts.append(f"join word: {access.join_word}")
        parts.append(f"{len(self.server.live)} connected")
        parts.append("paced: verdicts wait for you" if self.lesson.paced else "not paced")
        self.query_one("#teacher-head", Static).update(safe(" · ".join(parts)))

    # -- pacing ------------------------------------------------------------------------------------

    def _write_lesson(self) -> None:
        try:
            write_lesson(lesson_file(self.sessions), self.lesson)
        except Exception as exc:
            self.notify(sanitize_line(f"The lesson file could not be written: {exc}"),
                        severity="error")

    def _decide(self, lesson: Lesson, said: str) -> None:
        self.lesson = lesson
        self._write_lesson()
        self._fill_claims()
        self._refresh_head()
        self.event(said)

    def action_pace(self) -> None:
        on = not self.lesson.paced
        self._decide(self.lesson.pace(on), "Paced: every verdict waits for you." if on
                     else "Not paced: verdicts show as usual.")

    def action_reveal(self) -> None:
        claim_id = self.selected
        if claim_id is not None:
            self._decide(self.lesson.reveal(claim_id), f"Revealed {self._number(claim_id)}.")

    def action_reveal_all(self) -> None:
        self._decide(self.lesson.reveal(None), "Revealed every claim.")

    def action_follow(self) -> None:
        claim_id = self.selected
        if claim_id is not None:
            self._decide(self.lesson.follow_me(claim_id),
                         f"Every reader moved to {self._number(claim_id)}.")

    def action_lock(self) -> None:
        claim_id = self.selected
        if claim_id is not None:
            on = not self.lesson.is_locked(claim_id)
            self._decide(self.lesson.lock(claim_id, on),
                         f"{'Locked' if on else 'Unlocked'} {self._number(claim_id)}.")

    def action_names(self) -> None:
        self.names = not self.names
        self._show_chart()
        self.event("Reasons shown with names." if self.names else "Reasons shown without names.")

    def action_release(self) -> None:
        table = self.query_one("#teacher-students", DataTable)
        if not table.row_count:
            return
        code = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        released = release(self.sessions, code)
        self.event(f"Released {code}: the next browser may use it." if released
                   else f"{code} was not in use.")

    def action_debrief(self) -> None:
        from reader.debrief import write_debrief

        if self.look is None:
            return
        try:
            written = write_debrief(self.pack, self.look, self.sessions.parent / "debrief",
                                    names=self.names)
        except OSError as exc:
            self.notify(sanitize_line(f"The debrief could not be written: "
                                      f"{exc.strerror or exc}"), severity="error")
            return
        self.debrief_written = written
        self.event("Debrief written: " + ", ".join(str(p) for p in written))

    def _number(self, claim_id: str) -> str:
        return f"C{self.numbers[claim_id]}" if claim_id in self.numbers else claim_id

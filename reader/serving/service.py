"""textual-serve's app service, made to run one student's reader: in the folder of its session
code, with what a served reader must not do turned off, forked from the warm process where
there is one (:mod:`reader.serving.warm`)."""

from __future__ import annotations

__all__ = ["session_service_class"]

import contextlib
import json
import os
from importlib.metadata import version
from pathlib import Path
from typing import Any

from reader.lesson import lesson_file


def session_service_class() -> type[Any]:
    from textual_serve.app_service import AppService

    class SessionAppService(AppService):
        """One reader whose notes and place live in the session's folder."""

        def __init__(self, *args: Any, data_folder: Path, handed_in: Path, student: str | None,
                     quiz: bool, warm: Any = None, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.data_folder = data_folder
            self.handed_in = handed_in
            self.student = student
            self.quiz = quiz
            self.warm = warm
            self.forked = False

        @staticmethod
        def base_environment() -> dict[str, str]:
            """What every served reader's environment holds, whichever its session."""
            environment = dict(os.environ)
            environment.update({
                # Textual's web driver, saying as it ends whether the reader failed
                "TEXTUAL_DRIVER": "reader.ui.served_driver:ServedWebDriver",
                "TEXTUAL_FPS": "60",
                "TEXTUAL_COLOR_SYSTEM": "truecolor",
                "TERM_PROGRAM": "textual",
                "TERM_PROGRAM_VERSION": version("textual-serve"),
                "LATERAL_SERVED": "1",  # no author mode, no editor: see ui.app.served
            })
            environment.pop("NO_COLOR", None)
            for name in ("VISUAL", "EDITOR", "LATERAL_HANDIN_DIR", "LATERAL_STUDENT",
                         "LATERAL_SESSION", "LATERAL_QUIZ", "LATERAL_LESSON",
                         "LATERAL_SERVER_PID"):
                environment.pop(name, None)
            return environment

        def session_environment(self, width: int, height: int) -> dict[str, str]:
            """What differs from one served reader to the next."""
            environment = {
                "COLUMNS": str(width),
                "ROWS": str(height),
                "LATERAL_DATA_DIR": str(self.data_folder),
                "LATERAL_HANDIN_DIR": str(self.handed_in),
                "LATERAL_SESSION": self.data_folder.name,
                # the teacher's decisions in a live lesson (see reader.lesson)
                "LATERAL_LESSON": str(lesson_file(self.data_folder.parent)),
                # the reader ends with the server, however the server ends
                "LATERAL_SERVER_PID": str(os.getpid()),
            }
            if self.student:
                environment["LATERAL_STUDENT"] = self.student
            if self.quiz:
                environment["LATERAL_QUIZ"] = "1"
            return environment

        async def on_meta(self, data: bytes) -> None:
            """A reader that failed does not close the page as one that quit does: it ends,
            and the server tells the student it stopped (see :mod:`reader.serving.session`)."""
            with contextlib.suppress(ValueError, TypeError):
                said = json.loads(data)
                if isinstance(said, dict) and said.get("type") == "exit" and said.get("failed"):
                    return
            await super().on_meta(data)

        def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
            return {**self.base_environment(), **self.session_environment(width, height)}

        async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
            if self.warm is not None:
                process = await self.warm.spawn(self.session_environment(width, height),
                                                self.quiz)
                if process is not None:
                    self.forked = True
                    self._process = process
                    self._stdin = process.stdin
                    return process
            return await super()._open_app_process(width, height)

    return SessionAppService

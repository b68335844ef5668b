"""Who may open a reader under ``lateral serve``: the join word, session codes and their
owners, and the class list.

Everything here is decided on the teacher's computer from what a browser sends, which is
untrusted: a code is only ever a folder name made of letters, digits and single dashes; a
secret is compared by its hash; and a refusal says what to do without naming any path.

- **Join word.** On an address other than loopback students need the class's join word
  (printed by ``serve``), so that only the class — not the whole school network — can start
  readers. A wrong word opens nothing.
- **Owners.** A session belongs to the browser that started it: the page keeps a random
  secret with the code, and the hash of that secret is written in the session's folder
  (``.owner``). Another browser typing the same code is told that the code is in use. The
  teacher releases a code (``lateral serve --release CODE``) by removing that file; the next
  browser to use the code then owns it.
- **Class list.** With ``--roster FILE`` (one name a line) every name gets a random code,
  kept in ``<sessions>/.roster.toml`` so that the codes stay the same from lesson to lesson;
  then only those codes open a reader.
"""

from __future__ import annotations

__all__ = [
    "ClassAccess",
    "Refused",
    "Tickets",
    "make_join_word",
    "read_roster_names",
    "release",
    "session_code",
]

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from reader.work import name_part

SESSION_CODE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
SECRET = re.compile(r"[A-Za-z0-9_-]{16,128}")
OWNER_FILE = ".owner"
ROSTER_FILE = ".roster.toml"
# Short, unmistakable words for a join word read aloud in a classroom.
_WORDS = ("amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "harbor", "island",
          "juniper", "kestrel", "lagoon", "meadow", "nectar", "orchid", "pebble", "quartz",
          "river", "summit", "tundra", "upland", "valley", "willow", "yarrow", "zephyr")


class Refused(Exception):
    """A browser may not open a reader; the message is shown to the student as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def session_code(text: str) -> str | None:
    """The folder-safe form of what a student typed ("Ana B 7" → "ana-b-7"), or None. A code
    never holds two dashes in a row, so ``title--code--name`` splits one way only."""
    code = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")
    return code if SESSION_CODE.fullmatch(code) else None


def make_join_word() -> str:
    """A fresh join word: a word and two digits ("willow-42")."""
    return f"{secrets.choice(_WORDS)}-{secrets.randbelow(90) + 10}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _same_word(typed: str, word: str) -> bool:
    return hmac.compare_digest(" ".join(typed.lower().split()).encode("utf-8"),
                               " ".join(word.lower().split()).encode("utf-8"))


def read_roster_names(path: Path) -> list[str]:
    """The names of a class list: one a line; blank lines and lines starting with # are
    skipped; a name given twice counts once. Raises ``OSError``/``UnicodeDecodeError``."""
    names: list[str] = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        name = " ".join(line.split())
        if name and not name.startswith("#") and name not in names:
            names.append(name)
    return names


def release(sessions: Path, code: str) -> bool:
    """Let the next browser own ``code`` (whether it was owned)."""
    owner = sessions / code / OWNER_FILE
    try:
        owner.unlink()
    except FileNotFoundError:
        return False
    return True


@dataclass
class ClassAccess:
    """The rules for one ``serve``: the join word (None: none needed), the class list's codes
    by code (empty: any code), and the folder of the sessions."""

    sessions: Path
    join_word: str | None = None
    roster: dict[str, str] = field(default_factory=dict)  # code -> name

    @classmethod
    def with_roster(cls, sessions: Path, names: list[str], join_word: str | None) -> ClassAccess:
        """Codes for ``names``, the same ones as last time where a name was on the list
        before (kept in ``<sessions>/.roster.toml``)."""
        import tomli
        import tomli_w

        from reader.storage import atomic_write_bytes

        kept: dict[str, str] = {}
        try:
            data = tomli.loads((sessions / ROSTER_FILE).read_text(encoding="utf-8"))
            kept = {str(k): str(v) for k, v in data.get("codes", {}).items()
                    if isinstance(v, str) and SESSION_CODE.fullmatch(v)}
        except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
            pass
        codes: dict[str, str] = {}
        used = set()
        for name in names:
            code = kept.get(name)
            while code is None or code in used:
                code = f"{name_part(name)[:12].strip('-') or 'student'}-" \
                       f"{secrets.randbelow(9000) + 1000}"
                code = session_code(code)
            used.add(code)
            codes[name] = code
        sessions.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(sessions / ROSTER_FILE, tomli_w.dumps({"codes": codes}).encode("utf-8"),
                           backup=False)
        return cls(sessions, join_word, {code: name for name, code in codes.items()})

    def student(self, code: str) -> str | None:
        """The class list's name for ``code`` (None without a class list)."""
        return self.roster.get(code)

    def admit(self, typed_code: str, secret: str, join: str) -> str:
        """The session code a browser may open, owned by it from now on; :class:`Refused`
        with what to do if not."""
        if self.join_word is not None and not _same_word(join, self.join_word):
            raise Refused("That is not the class's join word. Ask your teacher for it.")
        code = session_code(typed_code)
        if code is None:
            raise Refused("A code is letters, digits and dashes (up to 40).")
        if self.roster and code not in self.roster:
            raise Refused("That code is not on the class list. Check it, or ask your teacher "
                          "for yours.")
        if not SECRET.fullmatch(secret):
            raise Refused("This browser did not send its key for the code. Reload the page.")
        folder = self.sessions / code
        owner = folder / OWNER_FILE
        try:
            known = owner.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            known = ""
        if known and not hmac.compare_digest(known, _digest(secret)):
            raise Refused("This code is in use in another browser. If it is yours, ask your "
                          "teacher to release it.")
        if not known:
            folder.mkdir(parents=True, exist_ok=True)
            owner.write_text(_digest(secret) + "\n", encoding="ascii")
        return code


class Tickets:
    """One-time tickets: a browser admitted by ``/join`` opens its reader's websocket with
    one, within a minute, once."""

    LIFETIME = 60.0

    def __init__(self) -> None:
        self._open: dict[str, tuple[str, float]] = {}

    def issue(self, code: str) -> str:
        import time

        now = time.monotonic()
        self._open = {t: (c, at) for t, (c, at) in self._open.items()
                      if now - at < self.LIFETIME}
        ticket = secrets.token_urlsafe(24)
        self._open[ticket] = (code, now)
        return ticket

    def redeem(self, code: str, ticket: str) -> None:
        """Use up ``ticket`` for ``code``; :class:`Refused` if it is not a live one."""
        import time

        found = self._open.pop(ticket, None)
        if found is None or found[0] != code or time.monotonic() - found[1] >= self.LIFETIME:
            raise Refused("This page is out of date. Reload it to open the reader.")

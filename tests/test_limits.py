"""Limits, and files that are not what they should be: each refused with a clear message."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from reader.cli import main
from reader.notes import MAX_NOTES_BYTES, NotesStore
from reader.pack.load import MAX_PACK_BYTES
from reader.text.article import MAX_ARTICLE_BYTES


def run(*args: str) -> tuple[int, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(list(args))
    return code, said.getvalue()


def test_the_documented_limits() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert (MAX_PACK_BYTES, MAX_ARTICLE_BYTES, MAX_NOTES_BYTES) == (5 << 20, 8 << 20, 5 << 20)
    for line in ("| pack.toml | 5 MB |", "| article | 8 MB |", "| notes file | 5 MB |"):
        assert line in readme


def test_article_over_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as file:
        file.truncate(MAX_ARTICLE_BYTES + 1)
    assert run("--plain", str(big)) == (
        1, f"{big}: error: file is 8.0 MB; article files are limited to 8 MB\n"
    )


def test_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").mkdir()
    assert run("--plain", str(tmp_path)) == (
        1, f"{tmp_path / 'pack.toml'}: error: this is a folder; expected pack.toml\n"
    )
    notes = tmp_path / "notes" / "n.toml"
    notes.mkdir(parents=True)
    store = NotesStore(notes, "k", "t")
    _, message = store.load()
    assert message == (
        f"cannot read {notes}: Is a directory; your notes there are left untouched and new "
        "notes will not be saved over them"
    )
    assert notes.is_dir()


def test_symlinked_folder_leaving_the_pack_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "article.md").write_text("A secret sentence.\n", "utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "texts").symlink_to(outside)
    (pack / "pack.toml").write_text(
        'format = 1\n\n[article]\ntitle = "T"\nfile = "texts/article.md"\n', "utf-8"
    )
    code, said = run("check", str(pack))
    assert code == 1
    assert 'error: article: file "texts/article.md" must be inside the pack folder' in said

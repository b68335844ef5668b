"""The offline install kit, and installing packs from folders and zips."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from reader.cli import main
from reader.install import MAX_FILES, InstallError, install_pack
from reader.kit import TARGETS, KitError, KitReport, install_text, make_kit

from .conftest import CORPUS, FIXTURES, ROOT


def run(*args: str) -> tuple[int, str]:
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = main(list(args))
    return code, said.getvalue()


# -- install-pack ------------------------------------------------------------------------------


def test_install_a_folder_and_list_it(tmp_path: Path) -> None:
    code, said = run("install-pack", str(FIXTURES / "river"))
    data = Path(os.environ["LATERAL_DATA_DIR"])
    assert code == 0, said
    where = data / "packs" / "river-levels-in-2024"  # named after its title
    assert said == f"Installed “River levels in 2024” (2 claims) in {where}.\n"
    code, listed = run("list")
    assert code == 0 and "River levels in 2024" in listed
    # Installing again needs --force; nothing changes without it.
    code, said = run("install-pack", str(FIXTURES / "river"))
    assert code == 1 and "“River levels in 2024” is already installed" in said
    assert run("install-pack", str(FIXTURES / "river"), "--force")[0] == 0
    assert [p.name for p in (data / "packs").iterdir()] == ["river-levels-in-2024"]


def _zip(path: Path, members: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w") as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zipped.writestr(info, "/etc/passwd")
    return path


def _river_members(prefix: str = "") -> dict[str, bytes]:
    return {prefix + p.name: p.read_bytes() for p in (FIXTURES / "river").iterdir()}


def test_install_a_zip_with_or_without_a_top_folder(tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    where, pack = install_pack(_zip(tmp_path / "flat.zip", _river_members()), packs)
    assert where == packs / "river-levels-in-2024" and len(pack.claims) == 2
    # The same pack zipped another way is the same pack: it is not installed twice.
    nested = _zip(tmp_path / "nested.zip", _river_members("river/"))
    with pytest.raises(InstallError, match="already installed"):
        install_pack(nested, packs)
    where, _ = install_pack(nested, packs, force=True)
    assert (where / "pack.toml").is_file()
    assert sorted(p.name for p in packs.iterdir()) == ["river-levels-in-2024"]  # no temp left


def test_a_zip_made_by_finder_installs(tmp_path: Path) -> None:
    members = _river_members("river/")
    members.update({
        "__MACOSX/river/._pack.toml": b"\x00\x05\x16\x07 resource fork",
        "__MACOSX/._river": b"\x00\x05\x16\x07",
        "river/.DS_Store": b"Bud1 finder settings",
    })
    where, pack = install_pack(_zip(tmp_path / "From Finder.zip", members), tmp_path / "packs")
    assert len(pack.claims) == 2
    assert not (where / ".DS_Store").exists() and not (where.parent / "__MACOSX").exists()


@pytest.mark.parametrize(
    ("members", "links", "message"),
    [
        ({"../evil.toml": b"x"}, (), "a path outside the pack"),
        ({"/etc/evil": b"x"}, (), "a path outside the pack"),
        ({"a/../../evil": b"x"}, (), "a path outside the pack"),
        ({"C:/evil": b"x"}, (), "a path outside the pack"),
        ({"pack.toml": b"x"}, ("article.md",), "packs may not contain links"),
        ({f"f{n}.txt": b"" for n in range(MAX_FILES + 1)}, (), "at most 500"),
        ({"notes.txt": b"hello"}, (), "no pack.toml at the top of the zip"),
    ],
)
def test_unsafe_zips_are_refused_and_nothing_is_written(
    tmp_path: Path, members: dict[str, bytes], links: tuple[str, ...], message: str
) -> None:
    packs = tmp_path / "packs"
    with pytest.raises(InstallError) as caught:
        install_pack(_zip(tmp_path / "bad.zip", members, links), packs)
    assert message in caught.value.problems[0].message
    assert list(packs.iterdir()) == []
    assert not (tmp_path / "evil.toml").exists()


def test_a_zip_bomb_is_stopped_by_what_is_read(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.install

    monkeypatch.setattr(reader.install, "MAX_UNPACKED_BYTES", 1_000_000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("pack.toml", b"\0" * 2_000_000)  # compresses to about 2 KB
    assert archive.stat().st_size < 10_000
    with pytest.raises(InstallError, match="unpacks to more than"):
        install_pack(archive, tmp_path / "packs")
    assert list((tmp_path / "packs").iterdir()) == []


def test_a_pack_with_errors_or_links_is_not_installed(tmp_path: Path) -> None:
    code, said = run("install-pack", str(CORPUS / "bad" / "quote-ambiguous"))
    assert code == 1
    assert "quote matches 2 places" in said and said.endswith("Not installed; nothing was "
                                                               "changed.\n")
    linked = tmp_path / "linked"
    shutil.copytree(FIXTURES / "river", linked)
    (linked / "extra.md").symlink_to("/etc/hostname")
    with pytest.raises(InstallError, match="is a link"):
        install_pack(linked, tmp_path / "packs")
    assert run("install-pack", str(tmp_path / "nothing-here"))[0] == 1
    not_zip = tmp_path / "photo.png"
    not_zip.write_bytes(b"\x89PNG")
    with pytest.raises(InstallError, match=r"a \.zip of a pack"):
        install_pack(not_zip, tmp_path / "packs")


# -- the kit -----------------------------------------------------------------------------------


def test_install_text_covers_missing_sentencex() -> None:
    report = KitReport(Path("kit"), combinations=["linux-x86_64 / Python 3.12"],
                       without_sentencex=["linux-aarch64 / Python 3.13"], packs=["river"])
    text = install_text(report, ["textual>=8.2,<9", "rich>=14", "tomli>=2.1"])
    assert "py -m pip install --no-index --find-links wheels lateral-reader" in text
    assert "python3 -m pip install --no-index --find-links wheels lateral-reader" in text
    assert "No sentencex wheel for: linux-aarch64 / Python 3.13." in text
    assert "--no-deps lateral-reader" in text and "wheels textual rich tomli\n" in text
    assert "lateral install-pack packs/river" in text


def test_kit_refuses_a_folder_in_use_and_unknown_platforms(tmp_path: Path) -> None:
    (tmp_path / "something").write_text("x")
    with pytest.raises(KitError, match="not empty"):
        make_kit(tmp_path, ["current"], ["3.12"])
    with pytest.raises(KitError, match="unknown platform 'amiga'"):
        make_kit(tmp_path / "new", ["amiga"], ["3.12"])
    assert set(TARGETS) == {"linux-x86_64", "linux-aarch64", "windows-x86_64", "macos-x86_64",
                            "macos-arm64"}


def test_kit_falls_back_when_sentencex_has_no_wheel(tmp_path: Path) -> None:
    """With a stand-in for pip: the combination without a sentencex wheel is reported and
    still gets every other wheel."""
    calls: list[list[str]] = []

    def fake_pip(argv: list[str]) -> subprocess.CompletedProcess[str]:
        calls.append(argv)
        out = Path(argv[argv.index("-w" if "-w" in argv else "-d") + 1])
        if "wheel" in argv:
            (out / "lateral_reader-0.1.0-py3-none-any.whl").write_bytes(b"")
            return subprocess.CompletedProcess(argv, 0, "", "")
        wants_sentencex = any(a.startswith("sentencex") for a in argv)
        if wants_sentencex and "3.13" in argv:
            return subprocess.CompletedProcess(argv, 1, "", "ERROR: No matching distribution "
                                               "found for sentencex==1.0.32")
        return subprocess.CompletedProcess(argv, 0, "", "")

    report = make_kit(tmp_path / "kit", ["linux-aarch64"], ["3.12", "3.13"], run=fake_pip)
    assert report.combinations == ["linux-aarch64 / Python 3.12"]
    assert report.without_sentencex == ["linux-aarch64 / Python 3.13"]
    assert "No sentencex wheel for: linux-aarch64 / Python 3.13." in (
        tmp_path / "kit" / "INSTALL.txt").read_text()
    downloads = [c for c in calls if "download" in c]
    assert all("--only-binary=:all:" in c and "manylinux_2_17_aarch64" in c for c in downloads)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("LATERAL_SKIP_NETWORK") == "1",
                    reason="needs the package index to build the kit")
def test_kit_for_this_machine_installs_with_no_index(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    code, said = run("kit", str(kit), "--platform", "current", "--pack",
                     str(FIXTURES / "river"))
    if code != 0 and "could not get" in said:
        pytest.skip(f"the package index cannot be reached: {said.strip()}")
    assert code == 0, said
    assert (kit / "packs" / "river-levels-in-2024" / "pack.toml").is_file()
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    clean["PIP_NO_INDEX"] = "1"  # and --no-index: pip may not reach any index
    clean["LATERAL_DATA_DIR"] = str(tmp_path / "data")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "--find-links",
         str(kit / "wheels"), "lateral-reader"],
        capture_output=True, text=True, env=clean, cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stderr[-2000:]
    lateral = python.parent / "lateral"
    version = subprocess.run([str(lateral), "--version"], capture_output=True, text=True,
                             env=clean, cwd=tmp_path)
    assert version.stdout.startswith("lateral-reader ")
    check = subprocess.run([str(lateral), "check"], capture_output=True, text=True,
                           env=clean, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "closing-the-circle/pack.toml: 65 claims" in check.stdout
    assert str(ROOT) not in check.stdout  # the installed copy, not this checkout
    kept = kit / "packs" / "river-levels-in-2024"  # named after the pack's title
    added = subprocess.run([str(lateral), "install-pack", str(kept)],
                           capture_output=True, text=True, env=clean, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([str(lateral), "list"], capture_output=True, text=True, env=clean,
                            cwd=tmp_path)
    assert "River levels in 2024" in listed.stdout
    # Where no sentencex wheel exists, INSTALL.txt's two lines install the reader without it,
    # and it works with its own sentence rules.
    from reader.kit import requirements

    plain = [r for r in requirements() if not r.startswith("sentencex")]
    lines = install_text(KitReport(kit, without_sentencex=["x"]), plain).splitlines()
    commands = [line.strip() for line in lines if "--find-links wheels" in line][-2:]
    assert "--no-deps lateral-reader" in commands[0]
    bare = tmp_path / "bare"
    venv.create(bare, with_pip=True)
    bare_python = bare / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    for command in commands:
        argv = [str(bare_python), *command.split()[1:]]  # "python3 -m pip …" → this venv
        done = subprocess.run(argv, capture_output=True, text=True, env=clean, cwd=kit)
        assert done.returncode == 0, done.stderr[-2000:]
    check = subprocess.run([str(bare_python), "-m", "reader", "check"], capture_output=True,
                           text=True, env=clean, cwd=tmp_path)
    assert check.returncode == 0 and "65 claims" in check.stdout, check.stderr
    missing = subprocess.run([str(bare_python), "-c", "import sentencex"], capture_output=True,
                             env=clean)
    assert missing.returncode != 0


def test_installed_pack_points_at_its_new_home(tmp_path: Path) -> None:
    folder = tmp_path / "river.v2"
    shutil.copytree(FIXTURES / "river", folder)
    where, pack = install_pack(folder, tmp_path / "packs")
    assert where == tmp_path / "packs" / "river-levels-in-2024"  # named after its title
    assert pack.path == where / "pack.toml"
    assert pack.article.path is not None and pack.article.path.parent == where
    assert pack.article.path.is_file()

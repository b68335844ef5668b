"""``lateral kit``: everything to install the reader on machines with no internet.

Made once on a machine that can reach the package index, the kit folder holds the reader's
wheel, the wheels of its dependencies for each chosen operating system and Python version,
any extra packs, and ``INSTALL.txt`` with one command per system. ``sentencex`` ships
compiled wheels only; where a combination has none, the kit says so, and the install command
for it leaves sentencex out (the reader then splits sentences with its own rules).
"""

from __future__ import annotations

__all__ = ["PYTHONS", "TARGETS", "KitError", "KitReport", "make_kit"]

import importlib.metadata
import json
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader import __version__

# Each target's pip platform tags, newest first (pip also takes older compatible wheels).
TARGETS: dict[str, list[str]] = {
    "linux-x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    "linux-aarch64": ["manylinux_2_28_aarch64", "manylinux_2_17_aarch64",
                      "manylinux2014_aarch64"],
    "windows-x86_64": ["win_amd64"],
    "macos-x86_64": ["macosx_11_0_x86_64", "macosx_10_12_x86_64", "macosx_10_9_x86_64"],
    "macos-arm64": ["macosx_11_0_arm64"],
}
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
OPTIONAL = "sentencex"  # compiled only; the reader has a fallback without it

Runner = Callable[[list[str]], subprocess.CompletedProcess[str]]


class KitError(Exception):
    """The kit could not be made; the message says why and what to do."""


@dataclass
class KitReport:
    folder: Path
    wheels: list[str] = field(default_factory=list)
    combinations: list[str] = field(default_factory=list)  # target/python with every wheel
    without_sentencex: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # no wheels at all for these
    packs: list[str] = field(default_factory=list)


def requirements() -> list[str]:
    """The reader's own dependencies (not the extras), as pip understands them."""
    try:
        found = importlib.metadata.requires("lateral-reader") or []
    except importlib.metadata.PackageNotFoundError:
        raise KitError("lateral-reader is not installed here; install it first") from None
    return [r for r in found if "extra ==" not in r]


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False)


def _source_tree() -> Path | None:
    """The project folder when running from a checkout (an editable install)."""
    root = Path(__file__).resolve().parent.parent
    pyproject = root / "pyproject.toml"
    if pyproject.is_file() and 'name = "lateral-reader"' in pyproject.read_text("utf-8"):
        return root
    return None


def _reader_wheel(wheels: Path, run: Runner) -> None:
    source = _source_tree()
    pip = [sys.executable, "-m", "pip"]
    if source is not None:
        done = run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(source)])
    else:
        done = run([*pip, "download", "--no-deps", "--quiet", "-d", str(wheels),
                    f"lateral-reader=={__version__}"])
    if done.returncode != 0 or not list(wheels.glob("lateral_reader-*.whl")):
        raise KitError("could not get the reader's own wheel: "
                       + (_last_line(done.stderr) or "pip gave no reason"))


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip() and "WARNING" not in line]
    return lines[-1].strip() if lines else ""


def _abi(python: str) -> str:
    return "cp" + python.replace(".", "")


def _download(reqs: Sequence[str], wheels: Path, target: str | None, python: str | None,
              run: Runner) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
            "-d", str(wheels)]
    if target is not None and python is not None:
        for tag in TARGETS[target]:
            argv += ["--platform", tag]
        argv += ["--python-version", python, "--implementation", "cp", "--abi", _abi(python)]
    return run(argv + list(reqs))


def make_kit(out: Path, targets: Sequence[str], pythons: Sequence[str],
             packs: Sequence[Path] = (), run: Runner = _run) -> KitReport:
    """Write the kit into ``out``. ``targets`` may be ``["current"]``: this machine only."""
    from reader.install import InstallError, install_pack

    unknown = [t for t in targets if t != "current" and t not in TARGETS]
    if unknown:
        raise KitError(f"unknown platform {unknown[0]!r}; choose from: current, "
                       + ", ".join(TARGETS))
    if out.exists() and any(out.iterdir()):
        raise KitError(f"{out} is not empty; choose a new folder for the kit")
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    report = KitReport(out)
    _reader_wheel(wheels, run)
    reqs = requirements()
    plain = [r for r in reqs if not r.startswith(OPTIONAL)]
    for target in targets:
        combos = [(None, None)] if target == "current" else [(target, p) for p in pythons]
        for platform, python in combos:
            label = "this machine" if platform is None else f"{platform} / Python {python}"
            if _download(reqs, wheels, platform, python, run).returncode == 0:
                report.combinations.append(label)
            elif _download(plain, wheels, platform, python, run).returncode == 0:
                report.without_sentencex.append(label)
            else:
                report.missing.append(label)
    for pack in packs:
        try:
            where, _ = install_pack(pack, out / "packs")
        except InstallError as exc:  # install_pack leaves nothing behind on error
            raise KitError(f"{pack}: {exc.problems[0].message}") from None
        report.packs.append(where.name)
    report.wheels = sorted(p.name for p in wheels.glob("*.whl"))
    (out / "INSTALL.txt").write_text(install_text(report, plain), "utf-8")
    (out / "kit.json").write_text(json.dumps({
        "version": __version__,
        "complete": report.combinations,
        "without_sentencex": report.without_sentencex,
        "no_wheels": report.missing,
        "packs": report.packs,
        "wheels": report.wheels,
    }, indent=2) + "\n", "utf-8")
    return report


def install_text(report: KitReport, plain: Sequence[str]) -> str:
    names = " ".join(re.split(r"[ ;<>=!~\[]", r, maxsplit=1)[0] for r in plain)
    lines = [
        f"lateral-reader {__version__}: install with no internet",
        "",
        "Copy this folder to the computer (a USB stick will do), open a terminal in it, and",
        "run the one line for that computer:",
        "",
        "  Windows:         py -m pip install --no-index --find-links wheels lateral-reader",
        "  macOS and Linux: python3 -m pip install --no-index --find-links wheels lateral-reader",
        "",
        "Then type `lateral` to read the bundled article (or `python3 -m reader`).",
        "To keep it apart from other Python programs, make a virtual environment first:",
        "  python3 -m venv lateral-env   (Windows: py -m venv lateral-env)",
        "and use lateral-env/bin/python (Windows: lateral-env\\Scripts\\python) instead.",
        "",
        "Wheels for: " + (", ".join(report.combinations) or "none"),
    ]
    if report.without_sentencex:
        lines += [
            "",
            "No sentencex wheel for: " + ", ".join(report.without_sentencex) + ".",
            "There, install the reader without it (sentences are then split by the reader's",
            "own rules, which are slightly less accurate on abbreviations):",
            "  python3 -m pip install --no-index --find-links wheels --no-deps lateral-reader",
            f"  python3 -m pip install --no-index --find-links wheels {names}",
        ]
    if report.missing:
        lines += ["", "No wheels at all for: " + ", ".join(report.missing) + "."]
    if report.packs:
        lines += ["", "Extra packs: after installing, add each one with",
                  *[f"  lateral install-pack packs/{name}" for name in report.packs]]
    return "\n".join(lines) + "\n"

"""From a raw article to a pack of three claims with two accounts each, in a real terminal,
without leaving the reader: `lateral author ARTICLE`, the stub review, the claim's form, the
account form and the source card form, driven by the keys a teacher presses. The pack passes
`lateral check` with no errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from reader.importer import import_text
from reader.pack.load import load_pack
from reader.problems import errors

from .ptydrive import run_reader

ARTICLE = (
    "Floods in the valley\n\n"
    "The river rose by two metres in 2021, the council said.[1] "
    "Repairs cost four million euros in 2022.[2]\n\n"
    "About 300 residents left the valley by 2023, a survey found.\n\n"
    "Notes\n\n[1] Valley Council, flood report, 2021.\n\n[2] Regional budget, 2022.\n"
)
ENTER, TAB, DOWN, END, CTRL_S, ESC = b"\r", b"\t", b"\x1b[B", b"\x1b[F", b"\x13", b"\x1b"


def one_claim(summary: str, accounts: list[tuple[str, bool, str]]) -> list[bytes]:
    """The keys for one stub: keep it, choose the first verdict, write the summary, add the
    accounts (found by ``find``, or a new card named ``find`` when ``new``), save, close."""
    keys = [ENTER,  # keep the stub: its form opens on the verdict
            ENTER, DOWN, ENTER,  # the first verdict of the scale
            TAB, TAB, summary.encode(),  # past the kind, to the summary
            TAB]  # to the accounts
    for find, new, says in accounts:
        keys += [b"a", find.encode()]
        if new:
            keys += [TAB, END, ENTER,  # the list's last line: a new source card
                     CTRL_S]  # its title is what was typed
        else:
            keys += [ENTER]  # the closest card
        keys += [ENTER, DOWN, ENTER,  # the first stance
                 TAB, says.encode(), CTRL_S]
    keys += [CTRL_S, ESC]  # save the claim, back to the review
    return keys


CLAIMS = [
    ("The council's own report gives the figure.",
     [("valley", False, "The flood report records a rise of two metres."),
      ("River gauge archive", True, "The gauge upstream logged a similar peak.")]),
    ("The regional budget shows the repair line.",
     [("budget", False, "The 2022 budget lists four million euros for repairs."),
      ("Audit office", True, "The audit office confirms the spending.")]),
    ("A survey of residents supports the number.",
     [("survey of residents", True, "About 300 households said they moved away."),
      ("valley", False, "The council report mentions departures.")]),
]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_three_claims_with_two_accounts_each_without_leaving_the_reader(tmp_path: Path) -> None:
    raw = tmp_path / "floods.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "floods"
    keys: list[bytes] = [b"R"]  # the stub review, from the first stub
    per_claim = []
    for summary, accounts in CLAIMS:
        claim_keys = one_claim(summary, accounts)
        per_claim.append(claim_keys)
        keys += claim_keys
    keys += [ESC]  # leave the review
    env = dict(os.environ, LATERAL_DATA_DIR=str(tmp_path / "data"), TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    run = run_reader(["author", str(raw), "--out", str(folder)], keys, env=env,
                     marker=b"Author mode", pause=0.35, timeout=120)
    assert run.exit_status == 0, run.output[-2000:]
    result = load_pack(folder)
    assert result.pack is not None
    assert errors(result.problems) == []
    reviewed = [c for c in result.pack.claims if c.verdict is not None]
    assert len(reviewed) == 3
    assert all(len(c.accounts) == 2 and c.summary for c in reviewed)
    assert {c.summary for c in reviewed} == {summary for summary, _ in CLAIMS}
    # Keys pressed for one claim with two accounts, and the TOML the same claim takes.
    first = per_claim[0]
    typed = [k for k in first if k not in (DOWN, END, ESC) and len(k) > 1]
    prose = sum(len(k) for k in typed)
    pressed = len(first) - len(typed) + prose
    claim = next(c for c in reviewed if c.summary == CLAIMS[0][0])
    text = (folder / "pack.toml").read_text(encoding="utf-8")
    start = text.index(f'id = "{claim.id}"')
    start = text.rindex("[[claims]]", 0, start)
    end = text.find("\n[[claims]]", start)
    block = text[start : end if end != -1 else len(text)].strip()
    cards = [text[text.rindex("[[sources]]", 0, text.index(f'id = "{a.source}"')):]
             .split("\n\n")[0] for a in claim.accounts if a.source.startswith("river")]
    # What a teacher types by hand: the block's lines the importer did not write, and the card.
    skeleton = import_text(ARTICLE, source_name=raw.name).pack_toml.splitlines()
    written = [line for line in block.splitlines() if line not in skeleton]
    toml = sum(len(line) + 1 for line in written) + sum(len(card) + 2 for card in cards)
    print(f"\none claim with two accounts: {pressed} keys pressed ({pressed - prose} besides "
          f"the {prose} characters typed); the same in TOML: {toml} characters "
          f"({toml - prose} besides them)")

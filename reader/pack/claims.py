"""The ``[[claims]]`` table: claims with their verdicts and accounts, not yet placed.

Each claim comes back with a ``pending`` anchor and a :class:`QuoteToPlace` saying where its
quote is in ``pack.toml``; :mod:`reader.pack.placing` finds the quotes in the article.
"""

from __future__ import annotations

__all__ = ["MAX_QUOTE_WORDS", "PENDING", "QuoteToPlace", "check_claims"]

from typing import Any, NamedTuple

from reader.model import Account, Anchor, Claim, Scale
from reader.pack.checker import Checker, did_you_mean, duplicate_id, entry_label, quoted
from reader.pack.positions import KeyPath
from reader.pack.sources import SourceCards

MAX_QUOTE_WORDS = 25
PENDING = Anchor("pending")


class QuoteToPlace(NamedTuple):
    """A claim (its index in the claims list) whose quote is still to be found."""

    claim_index: int
    path: KeyPath  # of the quote in pack.toml, for problems
    label: str  # how messages name the claim


def check_claims(
    checker: Checker, entries: list[Any], scale: Scale, sources: SourceCards
) -> tuple[list[Claim], list[QuoteToPlace]]:
    """The valid claims, in pack order, and the quotes to place for them."""
    claims: list[Claim] = []
    pending: list[QuoteToPlace] = []
    seen_ids: dict[str, KeyPath] = {}
    for index, entry in enumerate(entries):
        path: KeyPath = ("claims", index)
        label = entry_label("claim", entry, index)
        values = checker.table(entry, "claim", path, label)
        if values is None or duplicate_id(checker, "claim", values["id"], path, seen_ids):
            continue
        verdict = _verdict_on_scale(checker, values.get("verdict"), scale, path, label)
        accounts = _accounts(checker, values.get("accounts", []), path, label, sources)
        pending.append(QuoteToPlace(len(claims), (*path, "quote"), label))
        claims.append(
            Claim(
                id=values["id"],
                quote=values["quote"],
                anchor=PENDING,
                prefix=values.get("prefix"),
                suffix=values.get("suffix"),
                kind=values.get("kind"),
                verdict=verdict,
                summary=values.get("summary"),
                accounts=accounts,
                notes=values.get("notes", ()),
                questions=values.get("questions", ()),
                prompts=values.get("prompts", ()),
            )
        )
        _editorial_warnings(checker, values, verdict, accounts, path, label)
    return claims, pending


def _verdict_on_scale(
    checker: Checker, verdict: str | None, scale: Scale, path: KeyPath, label: str
) -> str | None:
    """``verdict`` if the pack's scale has it; otherwise None (reported)."""
    if verdict is None or scale.get(verdict) is not None:
        return verdict
    checker.error(
        (*path, "verdict"),
        f"{label}: verdict {quoted(verdict, 40)} is not "
        f"on the pack's scale ({', '.join(scale.ids)}){did_you_mean(verdict, scale.ids)}",
        "bad-verdict",
    )
    return None


def _accounts(
    checker: Checker, entries: list[Any], claim_path: KeyPath, label: str, sources: SourceCards
) -> tuple[Account, ...]:
    """The claim's valid accounts; each must cite a source card."""
    accounts: list[Account] = []
    for index, entry in enumerate(entries):
        path: KeyPath = (*claim_path, "accounts", index)
        account_label = f"{label}, account {index + 1}"
        values = checker.table(entry, "account", path, account_label)
        if values is None or not sources.cite(
            checker, (*path, "source"), account_label, values["source"]
        ):
            continue
        quote = values.get("quote")
        if quote is not None and len(quote.split()) > MAX_QUOTE_WORDS:
            checker.warn(
                (*path, "quote"),
                f"{account_label}: quote is {len(quote.split())} words; "
                f"keep quotes to {MAX_QUOTE_WORDS} words or fewer and paraphrase "
                'the rest in "says"',
                "long-quote",
            )
        accounts.append(Account(values["source"], values["stance"], values["says"], quote))
    return tuple(accounts)


def _editorial_warnings(
    checker: Checker,
    values: dict[str, Any],
    verdict: str | None,
    accounts: tuple[Account, ...],
    path: KeyPath,
    label: str,
) -> None:
    """The work left on a claim that loads: no review yet, no accounts, a thin verdict."""
    no_accounts = not accounts and "accounts" not in values
    if values.get("verdict") is None or values.get("summary") is None:
        missing = [k for k in ("verdict", "summary") if values.get(k) is None]
        if no_accounts:
            missing.append("accounts")  # one warning for a stub, not two
        checker.warn(path, f"{label}: not reviewed yet (no {', '.join(missing)})",
                     "not-reviewed")
    elif no_accounts:
        checker.warn(path, f"{label}: no accounts yet", "no-accounts")
    if verdict in ("false", "misleading") and len(accounts) < 2:
        checker.warn(
            path,
            f'{label}: verdict "{verdict}" rests on {len(accounts)} account(s); give at least two',
            "thin-verdict",
        )

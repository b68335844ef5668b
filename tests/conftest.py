"""Shared fixtures and the Hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from reader.model import Pack
from reader.pack.load import load_pack

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = Path(__file__).resolve().parent / "corpus"
BUNDLED = ROOT / "data" / "articles" / "closing-the-circle"
RAW_ARTICLE = FIXTURES / "closing-the-circle.raw.txt"

settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
settings.load_profile(PROFILE)


def examples(in_ci: int) -> settings:
    """Settings for a property that CI runs ``in_ci`` times (the loader, anchoring,
    segmentation and notes each get at least 10,000 across their tests); locally, the
    profile's usual number."""
    return settings(max_examples=in_ci if PROFILE == "ci" else settings().max_examples)


@pytest.fixture(scope="session")
def bundled() -> Pack:
    """The bundled article's pack, loaded once (tests must not change it)."""
    pack = load_pack(BUNDLED).pack
    assert pack is not None
    return pack


@pytest.fixture
def river() -> Path:
    return FIXTURES / "river"


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user data folder from a test."""
    monkeypatch.setenv("LATERAL_DATA_DIR", str(tmp_path_factory.mktemp("lateral-data")))

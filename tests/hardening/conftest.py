"""Fixtures: a seed ledger built once through the console script, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.hardening.support")

# No test sees the caller's LEDGER_DB, and none writes into the working tree (autouse).
from tests.cli.conftest import _isolated  # noqa: E402, F401
from tests.hardening.support import run  # noqa: E402
from tests.paths import SEED  # noqa: E402


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger holding the KMC seed. Never written to: tests copy it."""
    folder = tmp_path_factory.mktemp("hardening-template")
    done = run("ingest", SEED, "--db", "seed.sqlite", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder / "seed.sqlite"


@pytest.fixture
def seed_db(tmp_path: Path, seed_template: Path) -> Path:
    """A private copy of the seed ledger (in its own folder, so listings stay exact)."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    for source in seed_template.parent.glob(seed_template.name + "*"):
        shutil.copyfile(source, folder / source.name)
    return folder / seed_template.name

"""Fixtures: ledgers built once per session, copied for every test that uses one."""

from __future__ import annotations

from pathlib import Path

import pytest

# The helpers assert too: let pytest explain their failures as it does the tests'.
pytest.register_assert_rewrite("tests.cli.support")

from click.testing import CliRunner  # noqa: E402

from cli.main import cli  # noqa: E402
from tests.cli.support import (  # noqa: E402
    HARBOR_FIRST,
    HARBOR_ORIGINAL,
    HARBOR_SECOND,
    SEED,
    InProcess,
    copy_ledger,
)


def _build(db: Path, *batches: Path) -> Path:
    runner = CliRunner()
    for document in batches:
        result = runner.invoke(cli, ["ingest", str(document), "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the caller's LEDGER_DB, and none writes into the working tree."""
    monkeypatch.delenv("LEDGER_DB", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger holding the KMC seed only. Never written to: tests copy it."""
    return _build(tmp_path_factory.mktemp("templates") / "seed.sqlite", SEED)


@pytest.fixture(scope="session")
def full_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, then the Harbor Lantern original and its two amendments, in order."""
    return _build(
        tmp_path_factory.mktemp("templates") / "full.sqlite",
        SEED,
        HARBOR_ORIGINAL,
        HARBOR_FIRST,
        HARBOR_SECOND,
    )


@pytest.fixture
def seed_db(tmp_path: Path, seed_template: Path) -> Path:
    """A private copy of the seed ledger."""
    return copy_ledger(seed_template, tmp_path / "seed.sqlite")


@pytest.fixture
def full_db(tmp_path: Path, full_template: Path) -> Path:
    """A private copy of the full ledger."""
    return copy_ledger(full_template, tmp_path / "full.sqlite")


@pytest.fixture
def seed(seed_db: Path) -> InProcess:
    """The CLI, in process, on a private copy of the seed ledger."""
    return InProcess(seed_db)


@pytest.fixture
def full(full_db: Path) -> InProcess:
    """The CLI, in process, on a private copy of the full ledger."""
    return InProcess(full_db)


@pytest.fixture
def fresh(tmp_path: Path) -> InProcess:
    """The CLI, in process, on a ledger file that does not exist yet."""
    return InProcess(tmp_path / "fresh.sqlite")

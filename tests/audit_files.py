"""The tests' audit key and checkpoints, never the checkout's `var/`: one key for the whole session
(`MATCHING_AUDIT_KEY`, so a database seeded once per session verifies in every test) and, per test, a fresh
folder for the checkpoints (`MATCHING_AUDIT_KEY_FILE`; they sit beside the key file), since every test starts
from an emptied database.

Suite-wide: `pytest_plugins = ["tests.audit_files"]` in tests/conftest.py.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def audit_key() -> Iterator[str]:
    key = secrets.token_hex(32)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MATCHING_AUDIT_KEY", key)
        yield key


@pytest.fixture(autouse=True)
def audit_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where this test's key file would be and its checkpoints are."""
    folder = tmp_path_factory.mktemp("audit")
    monkeypatch.setenv("MATCHING_AUDIT_KEY_FILE", str(folder / "audit.key"))
    return folder

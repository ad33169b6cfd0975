"""Shared test fixtures: where the bundled fixtures live. Tests read only what the repository holds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
SEEDS = FIXTURES / "seeds"
REPOSITORY = TESTS.parent


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session", autouse=True)
def organisation_signing_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The organisation's key for every test (IMR_SIGNING_KEY, inherited by the imr processes tests start): no test
    signs with, or creates, a key in the real user's configuration."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = tmp_path_factory.mktemp("organisation")
    path = folder / "signing-key.pem"
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path.write_bytes(pem)
    path.chmod(0o600)
    saved = {name: os.environ.get(name) for name in ("IMR_SIGNING_KEY", "XDG_CONFIG_HOME")}
    os.environ["IMR_SIGNING_KEY"] = str(path)
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    yield path
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value

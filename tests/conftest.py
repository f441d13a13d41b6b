"""Shared fixtures: the seed article, and a guard that nothing reaches the network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "2023-09-rossomando-north-korea-russia-real-allies.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_article():
    from newsframe.ingest import load_article

    return load_article(SEED)


@pytest.fixture
def no_network(monkeypatch):
    """Make any socket connection attempt fail loudly."""

    def guard(*args, **kwargs):
        raise RuntimeError("network access attempted during a test")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket, "create_connection", guard)
    yield

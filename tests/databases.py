"""Which database the tests run on: a SQLite file per test, or TEST_DATABASE_URL.

With TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test) every
test still starts from empty tables; the schema is wiped once per run so that
tables left by an older run or another branch cannot get in the way.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, text

from signaal.config import database_url_with_driver


def shared_database_url() -> str | None:
    """The server database the suite runs against, or None for SQLite."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    return database_url_with_driver(url) if url else None


def database_url_for(folder: Path) -> str:
    """TEST_DATABASE_URL, else a fresh SQLite file in the folder."""
    return shared_database_url() or f"sqlite:///{folder / 'test.db'}"


def wipe_schema(url: str) -> None:
    """Drop every table, type and sequence in the server database's public schema."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()

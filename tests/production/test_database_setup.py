"""The suite runs on the database it was asked to; SQLite is set up for several workers."""

from __future__ import annotations

import sqlite3

import pytest

from signaal import create_app
from signaal.database import SQLITE_BUSY_TIMEOUT_MS
from signaal.extensions import db

from databases import shared_database_url


def test_the_suite_runs_on_the_chosen_database(app):
    """TEST_DATABASE_URL=postgresql://… (set by .ci/run when PostgreSQL answers) really switches."""
    assert db.engine.dialect.name == ("postgresql" if shared_database_url() else "sqlite")


def test_sqlite_uses_wal_a_busy_timeout_foreign_keys_and_immediate_transactions(tmp_path):
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pilot.db'}",
        }
    )
    with app.app_context():
        with db.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("busy_timeout") == SQLITE_BUSY_TIMEOUT_MS
            assert pragma("foreign_keys") == 1
            # Inside a transaction this connection holds the write lock already (BEGIN IMMEDIATE):
            # a second connection cannot start writing.
            other = sqlite3.connect(tmp_path / "pilot.db", timeout=0, isolation_level=None)
            try:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
            finally:
                other.close()
        db.engine.dispose()

"""The database: binding it to the app, SQLite tuned for several workers, schema upgrades.

Production runs on PostgreSQL; a pilot on one machine runs on a SQLite file
served by several gunicorn workers at once. SQLite then needs three things
that are off by default: WAL (readers never wait for the writer), a busy
timeout (a writer waits for the lock instead of failing) and BEGIN IMMEDIATE
for transactions that write. The last one matters most: a transaction that
reads and then writes (a quiz submission) would otherwise fail at once with
"database is locked" when another worker wrote in between, busy timeout or
not — SQLite cannot upgrade a stale read snapshot. Taking the write lock at
BEGIN makes writers queue. Read-only transactions begin DEFERRED and never
wait: which kind a transaction is, the edge decides (see transaction.py).

On PostgreSQL, connect and statement timeouts (settings) make a database that
is down or hangs fail fast with the app's own 503 page instead of blocking
every worker.
"""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask_migrate import upgrade
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine

from .extensions import db, migrate
from .transaction import writes_expected

SQLITE_BUSY_TIMEOUT_MS = 15_000  # longer than any request should take


class DatabaseNotManaged(click.ClickException):
    """A database that has tables but no migration history."""


def init_database(app: Flask) -> None:
    """Bind SQLAlchemy and Flask-Migrate; tune SQLite engines for concurrent use."""
    db.init_app(app)
    # Batch mode lets Alembic change SQLite tables (it cannot ALTER most things).
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_PATH"]), render_as_batch=True)
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                _tune_sqlite(engine)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def configure(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see `begin`).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not _is_in_memory(engine):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes_expected() else "BEGIN")


def _is_in_memory(engine: Engine) -> bool:
    return engine.url.database in (None, "", ":memory:")


def upgrade_database() -> None:
    """Bring the schema to the newest migration (creating it on an empty database)."""
    tables = set(inspect(db.engine).get_table_names())
    if tables and "alembic_version" not in tables:
        raise DatabaseNotManaged(
            f"{db.engine.url.render_as_string(hide_password=True)}: this database was created "
            "without migrations — back it up, then either remove it and run `flask setup` again, "
            "or, if it matches the current models exactly, run `flask db stamp head` once."
        )
    upgrade(directory=str(current_app.config["MIGRATIONS_PATH"]))


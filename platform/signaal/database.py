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

Writers queue on a lock file next to the database before BEGIN IMMEDIATE.
SQLite's own busy handler retries after sleeping 1, 2, 5 … up to 100 ms, so
under load a waiting writer often slept through the moment the lock was free
(quiz submissions had a p99 near a second); the lock file is polled every
millisecond and is given up the moment the connection goes back to the pool,
just after COMMIT or ROLLBACK.

On PostgreSQL, connect and statement timeouts (settings) make a database that
is down or hangs fail fast with the app's own 503 page instead of blocking
every worker.
"""

from __future__ import annotations

import fcntl
import os
import time
import warnings
from contextlib import contextmanager

import click
from flask import Flask, current_app
from flask_migrate import upgrade
from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine

from .extensions import db, migrate
from .transaction import writes_expected

SQLITE_BUSY_TIMEOUT_MS = 15_000  # longer than any request should take
WRITER_LOCK = "signaal_writer_lock"  # connection record info: the open lock file, while this connection writes


class DatabaseNotManaged(click.ClickException):
    """A database that has tables but no migration history."""


def init_database(app: Flask) -> None:
    """Bind SQLAlchemy and Flask-Migrate; tune SQLite engines for concurrent use."""
    db.init_app(app)
    # Batch mode lets Alembic change SQLite tables (it cannot ALTER most things).
    migrate.init_app(
        app, db, directory=str(app.config["MIGRATIONS_PATH"]), render_as_batch=True, include_object=_made_here
    )
    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite":
                _tune_sqlite(engine)


def _made_here(obj, _name, _type, reflected: bool, _compare_to) -> bool:
    """Whether `flask db migrate` should expect this object in the database it compares with.

    A model object made for one kind of database only says so in its info
    (`only_on`, e.g. the trigram indexes in accounts/models.py).
    """
    only_on = getattr(obj, "info", {}).get("only_on")
    return reflected or only_on is None or only_on == db.engine.dialect.name


@contextmanager
def comparing_models_with_database():
    """Alembic's comparison of the models with the database, without its noise about other databases' indexes.

    On SQLite Alembic warns that it cannot compare an expression index before it
    asks `_made_here` whether the index belongs there at all; for an index made
    only on PostgreSQL there is nothing to compare.
    """
    dialect = db.engine.dialect.name
    with warnings.catch_warnings():
        for table in db.metadata.tables.values():
            for index in table.indexes:
                if index.info.get("only_on", dialect) != dialect:
                    warnings.filterwarnings(
                        "ignore", message=f"autogenerate skipping metadata-specified expression-based index '{index.name}'"
                    )
        yield


def _lower(value):
    return value.lower() if isinstance(value, str) else value


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
        # SQLite's own lower() folds ASCII only: a coordinator's search for "łuk" missed "Łukasz", and
        # names sorted "Zofia" before "Łucja". Python's folds every script, as PostgreSQL's does.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    writer_lock_path = None if _is_in_memory(engine) else f"{engine.url.database}-writer.lock"

    @event.listens_for(engine, "begin")
    def begin(connection):
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            # Each statement commits on its own: a BEGIN here was rolled back when the connection went
            # back to the pool, and with it the ANALYZE after `flask demo generate`.
            return
        if writes_expected():
            if writer_lock_path:
                _take_writer_lock(connection.connection.info, writer_lock_path)
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    @event.listens_for(engine, "checkin")
    def give_back(_dbapi_connection, record):
        if record is not None:
            _release_writer_lock(record.info)

    @event.listens_for(engine, "close")
    def closed(_dbapi_connection, record):
        if record is not None:
            _release_writer_lock(record.info)


def _take_writer_lock(info: dict, path: str) -> None:
    """Wait (polling every millisecond, up to the busy timeout) for this connection's turn to write."""
    if WRITER_LOCK in info:
        return  # already holding it: a second transaction on a connection not yet given back
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                break  # let BEGIN IMMEDIATE wait and fail with SQLite's own "database is locked"
            time.sleep(0.001)
    info[WRITER_LOCK] = descriptor


def _release_writer_lock(info: dict) -> None:
    descriptor = info.pop(WRITER_LOCK, None)
    if descriptor is not None:
        os.close(descriptor)  # closing the file gives up its lock


def allow_long_statements() -> None:
    """Lift PostgreSQL's statement timeout for the rest of this transaction.

    The timeout (SIGNAAL_DB_STATEMENT_TIMEOUT_MS) keeps a hung query from
    holding a web worker; a maintenance command that recounts every row of a
    region (a statistics rebuild) legitimately takes longer than any page.
    """
    session = db.session()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL statement_timeout = 0"))


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


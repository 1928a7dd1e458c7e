"""One transaction per request or command, owned by the edge.

The rule (docs/transactions.md): domain functions add and flush, never commit.
The edge owns the transaction:

- A request that may change something (POST and the other unsafe methods) runs
  in one write transaction from its first statement; it commits when the view
  returns a response below 400 and rolls back otherwise, so a failed form
  changes nothing. Views need not call `commit()` themselves.
- A GET runs in a read transaction. A GET that also records something (a
  lesson page remembers how far someone read) does its writing inside
  `write_transaction()`, which commits that one change as a unit.
- A CLI command commits where it is done (`db.session.commit()` in cli.py).

On SQLite the difference matters: a write transaction starts with BEGIN
IMMEDIATE and queues for the single write lock, while a read transaction starts
with a plain BEGIN and, with WAL, never waits for a writer (database.py reads
`writes_expected()` when a transaction begins). On PostgreSQL both are ordinary
transactions; what must happen once is guarded by constraints and row locks.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import Flask, Response, request

from .extensions import db

# Outside a request (CLI commands, the tests' own setup) every transaction may write.
_writes_expected: ContextVar[bool] = ContextVar("signaal_writes_expected", default=True)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def writes_expected() -> bool:
    """Whether the transaction about to begin may write (SQLite then takes the write lock at once)."""
    return _writes_expected.get()


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in a write transaction of its own and commit it; roll back if it raises.

    For a read-only request that has to record something: what the request read
    so far stays loaded (nothing was written, so ending its read transaction
    loses nothing), and the block re-reads whatever it changes.
    """
    _end_read_transaction()
    token = _writes_expected.set(True)
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        _writes_expected.reset(token)


def _end_read_transaction() -> None:
    session = db.session()
    if not session.in_transaction():
        return
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("write_transaction() entered with unsaved changes: they belong inside it")
    _commit_keeping_objects()


def _commit_keeping_objects() -> None:
    # Loaded objects (the signed-in user, say) stay usable without being read again.
    session = db.session()
    expire, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire


def init_request_transactions(app: Flask) -> None:
    """Give every request one transaction: written for unsafe methods, read-only otherwise."""

    def choose_transaction_kind() -> None:
        request.environ["signaal.transaction_token"] = _writes_expected.set(request.method not in SAFE_METHODS)

    def commit_or_roll_back(response: Response) -> Response:
        if response.status_code < 400:
            _commit_keeping_objects()  # the page is made; reloading what it showed would be wasted
        else:
            db.session.rollback()
        return response

    def forget_transaction_kind(_error=None) -> None:
        token = request.environ.pop("signaal.transaction_token", None)
        if token is not None:
            _writes_expected.reset(token)

    # First of all hooks: another hook may already read the database (the signed-in user).
    app.before_request_funcs.setdefault(None, []).insert(0, choose_transaction_kind)
    app.after_request(commit_or_roll_back)
    app.teardown_request(forget_transaction_kind)

"""Shared fixtures: a real app on a fresh database per test, clients, factories."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest
from flask import has_app_context
from flask.testing import FlaskClient

from signaal import create_app
from signaal.accounts.models import Role
from signaal.accounts.registry import create_user
from signaal.courses.publishing import publish_course
from signaal.extensions import db

from databases import database_url_for, shared_database_url, wipe_schema
from web_forms import PASSWORD, submit_form

DATA = Path(__file__).parent / "data"


class RequestInItsOwnContext(FlaskClient):
    """A test client whose every request gets a fresh app context, as in production.

    The fixture keeps an app context open for the test's own database work;
    without this, requests would share its `g` and its database session.
    """

    def open(self, *args, **kwargs):
        # End the test's own transaction first, as any other request's would have ended: on
        # SQLite it holds the write lock (BEGIN IMMEDIATE, see signaal/database.py).
        if has_app_context():
            db.session.commit()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def font_cache() -> Path:
    """Where the tests' apps keep certificate fonts: kept between runs, since cutting them takes a minute.

    Until they are built (by the first PDF, in the background), certificates use the
    variable fonts; tests that need the static ones call build_certificate_fonts.
    """
    return Path(os.environ.get("SIGNAAL_TEST_FONT_CACHE") or Path(__file__).parents[1] / ".pytest_cache" / "signaal-fonts")


@pytest.fixture(scope="session", autouse=True)
def fresh_shared_database():
    """On TEST_DATABASE_URL, start the run from an empty schema (see tests/databases.py)."""
    url = shared_database_url()
    if url:
        wipe_schema(url)


@pytest.fixture
def app(request, tmp_path, font_cache):
    """The app on a fresh database; `@pytest.mark.app_config(KEY=value)` adds settings made at start-up."""
    database_url = database_url_for(tmp_path)
    marker = request.node.get_closest_marker("app_config")
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "COURSES_PATH": DATA / "courses",
            # Fast hashing in tests; production keeps the slow default.
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "FONT_CACHE_PATH": font_cache,
            **(marker.kwargs if marker else {}),
        }
    )
    app.test_client_class = RequestInItsOwnContext
    with app.app_context():
        db.drop_all()
        db.create_all()
    # pytest-flask pushes a request context around each test, for the test's own database work.
    yield app
    with app.app_context():
        db.session.remove()
        if shared_database_url():  # a SQLite file simply goes with tmp_path
            db.drop_all()
        db.engine.dispose()  # close pooled connections now, not when garbage collected


@pytest.fixture
def client(app):
    """Like pytest-flask's client, but without keeping each request's context afterwards."""
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def courses_dir(tmp_path) -> Path:
    """A writable copy of the sample courses, for tests that edit a course."""
    target = tmp_path / "courses"
    shutil.copytree(DATA / "courses", target)
    return target


_numbers = itertools.count(1)


@pytest.fixture
def make_user(app):
    def make(role: Role = Role.PARTICIPANT, username: str | None = None, **fields):
        return create_user(username or f"person{next(_numbers)}", PASSWORD, role=role, **fields)

    return make


@pytest.fixture
def tiny_course(app):
    """The small sample course, published."""
    outcome = publish_course(DATA / "courses" / "tiny")
    assert not outcome.failed, [str(p) for p in outcome.problems]
    return outcome.version


@pytest.fixture
def scenes_course(app):
    """The small sample course with a scenario (and an Arabic translation), published."""
    outcome = publish_course(DATA / "courses" / "scenes")
    assert not outcome.failed, [str(p) for p in outcome.problems]
    return outcome.version


@pytest.fixture
def login(client):
    def sign_in(user, password: str = PASSWORD):
        response = submit_form(
            client, "/account/login", {"username": user.username, "password": password}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in


class StatementLog:
    """The SQL statements sent to the database while counting (transaction control left out)."""

    IGNORED = ("BEGIN", "COMMIT", "ROLLBACK")

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __len__(self) -> int:
        return len(self.statements)

    def __str__(self) -> str:
        return "\n".join(f"{n}. {s.splitlines()[0][:160]}" for n, s in enumerate(self.statements, start=1))

    def record(self, _connection, _cursor, statement, *_args) -> None:
        if not statement.lstrip().upper().startswith(self.IGNORED):
            self.statements.append(statement)


@pytest.fixture
def count_statements(app):
    """`with count_statements() as log:` records every statement the app sends to its database."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        log = StatementLog()
        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", log.record)
        try:
            yield log
        finally:
            event.remove(engine, "before_cursor_execute", log.record)

    return counting

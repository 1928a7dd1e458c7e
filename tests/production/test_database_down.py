"""With the database down, people get the app's own 503 page, in their language, fast: never a bare 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from databases import shared_database_url
from signaal import create_app
from signaal.database import allow_long_statements
from signaal.extensions import db

DATA = Path(__file__).parents[1] / "data"


def unreachable_database(tmp_path: Path) -> str:
    """A database of the kind the suite runs on that cannot be reached."""
    if shared_database_url():
        return "postgresql://postgres@127.0.0.1:1/test"  # nothing listens on port 1
    return f"sqlite:///{tmp_path / 'no-such-folder' / 'signaal.db'}"


def app_without_database(tmp_path: Path, font_cache: Path):
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance-b"),
            "SECRET_KEY": "test-secret",  # the same as the `app` fixture: its session cookies are valid here
            "SQLALCHEMY_DATABASE_URI": unreachable_database(tmp_path),
            "COURSES_PATH": DATA / "courses",
            "FONT_CACHE_PATH": font_cache,
            "DATABASE_CONNECT_TIMEOUT": 2,
        }
    )


def test_a_visitor_gets_the_503_page_when_the_database_is_down(tmp_path, font_cache):
    down = app_without_database(tmp_path, font_cache).test_client()
    for url in ("/", "/courses/tiny", "/verify/ABCD-EFGH"):
        response = down.get(url, headers={"Accept-Language": "nl"})
        assert response.status_code == 503, url
        assert response.headers["Retry-After"].isdecimal()
        page = response.get_data(as_text=True)
        assert "Traceback" not in page and '<html lang="nl"' in page
        assert "<h1>" in page


def test_a_signed_in_participant_gets_the_503_page_too(client, make_user, login, tiny_course, tmp_path, font_cache):
    login(make_user())
    cookie = client.get_cookie("session")
    down = app_without_database(tmp_path, font_cache).test_client()
    down.set_cookie("session", cookie.value)
    response = down.get("/courses/tiny/basics/1")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Signaal is not available for a moment" in page and "Traceback" not in page


@pytest.mark.skipif(
    not (shared_database_url() or "").startswith("postgresql"), reason="PostgreSQL's statement timeout: runs with TEST_DATABASE_URL"
)
@pytest.mark.app_config(DATABASE_STATEMENT_TIMEOUT_MS=200)
def test_a_maintenance_command_may_run_longer_than_the_statement_timeout_of_a_page(app):
    # A page's statement is cut off at the timeout ...
    with pytest.raises(OperationalError, match="statement timeout"):
        db.session.execute(text("SELECT pg_sleep(0.5)"))
    db.session.rollback()
    # ... a statistics rebuild or verify (which call this first) is not.
    allow_long_statements()
    db.session.execute(text("SELECT pg_sleep(0.5)"))
    db.session.rollback()
    with pytest.raises(OperationalError, match="statement timeout"):  # only for that transaction
        db.session.execute(text("SELECT pg_sleep(0.5)"))

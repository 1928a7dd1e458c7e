"""With the database down, people get the app's own 503 page, in their language, fast: never a bare 500."""

from __future__ import annotations

from pathlib import Path

from databases import shared_database_url
from signaal import create_app

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

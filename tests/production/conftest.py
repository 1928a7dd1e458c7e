"""Helpers for the production-readiness tests: an app on a database nobody set up yet."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaal import create_app
from signaal.extensions import db

from databases import database_url_for, shared_database_url, wipe_schema

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def bare_app(tmp_path, font_cache):
    """An app whose database has no tables at all (a new SQLite file, or a wiped server schema)."""
    url = database_url_for(tmp_path)
    if shared_database_url():
        wipe_schema(url)
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": url,
            "COURSES_PATH": DATA / "courses",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "FONT_CACHE_PATH": font_cache,
        }
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if shared_database_url():
        wipe_schema(url)

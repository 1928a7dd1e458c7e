"""The backup and restore steps in docs/deployment.md, run exactly as written, into a new empty database."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, text
from sqlalchemy.engine import make_url

from signaal import create_app
from signaal.accounts.registry import create_user
from signaal.extensions import db

from databases import shared_database_url

DOCS = Path(__file__).parents[2] / "docs" / "deployment.md"


def documented(step: str) -> str:
    """The shell block that follows `<!-- tested: step -->` in the deployment guide."""
    found = re.search(rf"<!-- tested: {step} -->\n```sh\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert found, f"docs/deployment.md has no tested block {step!r}"
    return found.group(1)


def run_as_documented(steps: list[str], cwd: Path, **variables: str) -> subprocess.CompletedProcess:
    """Run the blocks one after another in one shell, as someone following the guide would."""
    script = "\n".join(documented(step) for step in steps)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env={**os.environ, **variables},
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result


def people(engine) -> list[tuple]:
    with engine.connect() as connection:
        return sorted(connection.execute(text("SELECT id, username, display_name, email FROM users")).all())


def every_row(engine) -> dict[str, list]:
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(map(repr, connection.execute(select(table)).all()))
            for name, table in metadata.tables.items()
        }


def add_people(*names: str) -> None:
    for name in names:
        create_user(name, "lantaarn kiwi dijkgraaf zomer", display_name=name.title(), email=f"{name}@example.org")
    db.session.commit()


def test_sqlite_backup_and_restore_as_documented(tmp_path, font_cache):
    site = tmp_path / "site"  # stands for the repository folder on the server
    (site / "instance").mkdir(parents=True)
    app = create_app({
        "TESTING": True, "INSTANCE_PATH": str(site / "instance"), "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{site / 'instance' / 'signaal.db'}",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "FONT_CACHE_PATH": font_cache,
    })
    with app.app_context():
        db.create_all()
        add_people("łucja", "стефка", "fatima")
        backed_up = every_row(db.engine)
        # The backup runs while the app is up: a reader is open in WAL mode.
        with db.engine.connect() as reading:
            reading.execute(text("SELECT count(*) FROM users"))
            result = run_as_documented(["sqlite-backup"], site)
        add_people("after.the.backup")  # not in the backup, so not in the restore
        db.engine.dispose()  # the app is stopped for the restore
    backups = list((site / "backups").glob("signaal-*.db"))
    assert len(backups) == 1
    result = run_as_documented(["sqlite-restore"], site, BACKUP=str(backups[0].relative_to(site)))
    assert result.stdout.strip() == "ok"
    restored = create_engine(f"sqlite:///{site / 'instance' / 'signaal.db'}")
    try:
        assert every_row(restored) == backed_up
        assert "after.the.backup" not in str(people(restored))
    finally:
        restored.dispose()
    assert (site / "instance" / "replaced" / "signaal.db").exists()  # the old one, kept aside
    with sqlite3.connect(site / "instance" / "signaal.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.skipif(not shared_database_url(), reason="PostgreSQL: runs with TEST_DATABASE_URL")
def test_postgresql_backup_and_restore_into_a_new_empty_database_as_documented(app, tmp_path):
    add_people("łucja", "стефка", "fatima")
    backed_up = every_row(db.engine)
    url = make_url(shared_database_url())
    new_name = f"{url.database}_restored"
    administrator = create_engine(url, isolation_level="AUTOCOMMIT")
    plain = url.set(drivername="postgresql")  # libpq's spelling, as in /etc/signaal.env
    with administrator.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{new_name}"'))
        connection.execute(text(f'CREATE DATABASE "{new_name}"'))  # the new, empty database
    restored = create_engine(url.set(database=new_name))
    try:
        result = run_as_documented(
            ["postgresql-backup", "postgresql-restore"], tmp_path,
            DATABASE_URL=plain.render_as_string(hide_password=False),
            NEW_DATABASE_URL=plain.set(database=new_name).render_as_string(hide_password=False),
        )
        assert result.stderr == ""  # not one "does not exist" error
        assert every_row(restored) == backed_up
    finally:
        restored.dispose()
        with administrator.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{new_name}"'))
        administrator.dispose()

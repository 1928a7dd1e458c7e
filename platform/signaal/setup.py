"""`flask setup`: everything a fresh instance needs before it serves."""

from __future__ import annotations

import secrets

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from .accounts.models import Role, User
from .accounts.registry import create_user, find_user, one_time_password
from .audit.log import record
from .certificates.fonts import build_certificate_fonts
from .certificates.key_store import signing_key
from .certificates.signing_key import KeyNotUnsealed
from .courses.reading import find_course_folders
from .courses.publishing import publish_course
from .database import upgrade_database
from .demo.seeding import seed_demo_if_empty
from .extensions import db


@click.command("setup")
@click.option(
    "--demo/--no-demo",
    default=True,
    envvar="SIGNAAL_DEMO",
    help="On an instance without participants, add a demo organisation (default; use --no-demo in production).",
)
@with_appcontext
def setup_command(demo: bool) -> None:
    """Create or upgrade the database, publish the bundled courses and the first administrator."""
    upgrade_database()
    _publish_bundled_courses()
    _ensure_administrator()
    if demo:
        seeded = seed_demo_if_empty()
        db.session.commit()
        if seeded:
            seeded.announce()
    # Every server shares the signing key through the database: make it now, and check that
    # this server's SECRET_KEY opens it (a wrong one would fail only at the first download).
    try:
        signing_key()
    except KeyNotUnsealed as problem:
        raise click.ClickException(str(problem)) from None
    db.session.commit()
    # Cutting the certificate fonts takes tens of seconds: do it now, not during a download.
    # (Other servers do it with `flask certificates build-fonts`; see docs/deployment.md.)
    build_certificate_fonts(current_app.config["FONT_CACHE_PATH"])


def _publish_bundled_courses() -> None:
    folders, problems = find_course_folders(current_app.config["COURSES_PATH"])
    for problem in problems:
        click.echo(str(problem), err=True)
    for folder in folders:
        outcome = publish_course(folder)
        for problem in outcome.problems:
            click.echo(str(problem), err=True)
        if outcome.failed:
            click.echo(f"{outcome.course_id}: not published (see above)", err=True)
        elif outcome.created:
            record(None, "course.publish", f"course:{outcome.course_id}", version=outcome.version.number)
            click.echo(f"{outcome.course_id}: published version {outcome.version.number}")
        db.session.commit()


def _ensure_administrator() -> None:
    if db.session.scalar(select(User.id).where(User.role == Role.ADMIN.value)) is not None:
        return
    username = "admin" if find_user("admin") is None else f"admin-{secrets.token_hex(3)}"
    password = one_time_password()
    admin = create_user(username, password, role=Role.ADMIN, display_name="Administrator", chosen_by_owner=False)
    record(None, "account.create", f"user:{admin.id}", role=Role.ADMIN.value)
    db.session.commit()
    click.echo("An administrator account was created. Sign in with this one-time password")
    click.echo("(shown only this once); you then choose your own:")
    click.echo(f"  user name: {username}")
    click.echo(f"  password:  {password}")

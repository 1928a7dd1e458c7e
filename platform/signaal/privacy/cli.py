"""`flask privacy ...`: the retention rule, run by hand or from cron."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..extensions import db
from ..organisations.importing import remove_expired_imports
from .retention import erase_inactive, inactive_for

privacy_cli = AppGroup("privacy", help="Personal data: retention.")


@privacy_cli.command("purge-inactive")
@click.option(
    "--months",
    type=click.IntRange(min=1),
    default=None,
    help="Inactivity that counts; default SIGNAAL_RETENTION_MONTHS.",
)
@click.option("--dry-run", is_flag=True, help="Only list who would be deleted.")
def purge_inactive_command(months: int | None, dry_run: bool) -> None:
    """Delete participant lists left unconfirmed for a day, and participants inactive for N months
    (anonymised, statistics kept). Safe to repeat."""
    if not dry_run:
        removed = remove_expired_imports()
        db.session.commit()
        click.echo(f"removed {removed} unconfirmed participant list(s) older than a day")
    months = months or current_app.config["SIGNAAL_RETENTION_MONTHS"]
    if not months:
        click.echo("retention is off: set SIGNAAL_RETENTION_MONTHS (or pass --months) to use it")
        return
    people = inactive_for(months)
    ids = [user.id for user in people]
    for user in [] if dry_run else people:
        erase_inactive(user, months)
        # One commit per account: an interrupted run keeps what it did and the next run goes on.
        db.session.commit()
    verb = "would delete" if dry_run else "deleted"
    click.echo(f"{verb} {len(ids)} account(s) inactive for {months} months")
    for user_id in ids:
        click.echo(f"  user:{user_id}")

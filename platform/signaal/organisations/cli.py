"""`flask organisations ...`: create organisations and add coordinators from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..accounts.registry import find_user
from ..audit.log import record
from ..extensions import db
from .models import Membership, Organisation

organisations_cli = AppGroup("organisations", help="Manage organisations and their members.")


@organisations_cli.command("create")
@click.argument("name")
def create_command(name: str) -> None:
    """Create an organisation."""
    if db.session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        raise click.ClickException(f'an organisation named "{name}" exists already — choose another name')
    organisation = Organisation(name=name)
    db.session.add(organisation)
    db.session.flush()
    record(None, "organisation.create", f"organisation:{organisation.id}", name=name)
    db.session.commit()
    click.echo(f"created organisation {organisation.id}: {name}")


@organisations_cli.command("add-member")
@click.argument("organisation")
@click.argument("username")
def add_member_command(organisation: str, username: str) -> None:
    """Make USERNAME (e.g. a coordinator) a member of the organisation named ORGANISATION."""
    found = db.session.scalar(select(Organisation).where(Organisation.name == organisation))
    if found is None:
        raise click.ClickException(f'no organisation named "{organisation}" — create it with `flask organisations create`')
    user = find_user(username)
    if user is None:
        raise click.ClickException(f'no user named "{username}" — create it with `flask users create`')
    if db.session.scalar(select(Membership.id).filter_by(user_id=user.id, organisation_id=found.id)) is None:
        db.session.add(Membership(user_id=user.id, organisation_id=found.id))
        record(None, "organisation.add-member", f"organisation:{found.id}", username=user.username)
        db.session.commit()
    click.echo(f"{user.username} is a member of {found.name}")

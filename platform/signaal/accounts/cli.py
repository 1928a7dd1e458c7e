"""`flask users ...`: account administration from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from ..audit.log import record
from ..extensions import db
from .models import Role
from .registry import UsernameTaken, change_role, create_user, find_user, one_time_password

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.PARTICIPANT.value,
    show_default=True,
)
@click.option("--email", default=None, help="Optional e-mail address.")
@click.option(
    "--password",
    default=None,
    help="Password to set; when omitted a random one-time password is printed. "
    "Either way the person chooses their own at the first sign-in.",
)
def create_command(username: str, role: str, email: str | None, password: str | None) -> None:
    """Create an account with the given role."""
    generated = password is None
    password = password or one_time_password()
    try:
        user = create_user(username, password, role=Role(role), email=email, chosen_by_owner=False)
    except UsernameTaken as taken:
        how = "looks the same as one that is taken" if taken.look_alike else "is taken"
        raise click.ClickException(f'the user name "{username}" {how} — choose another one')
    record(None, "account.create", f"user:{user.id}", role=role)
    db.session.commit()
    click.echo(f"created {role} {username!r}")
    if generated:
        click.echo(f"one-time password: {password}")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice([role.value for role in Role]))
def set_role_command(username: str, role: str) -> None:
    """Give an existing account another role (written to the audit log)."""
    user = find_user(username)
    if user is None or not user.is_active:
        raise click.ClickException(f'no account "{username}" — check the spelling (`flask users create` makes one)')
    previous = user.role
    change_role(user, Role(role))
    record(None, "account.role-change", f"user:{user.id}", before=previous, after=user.role)
    db.session.commit()
    click.echo(f"{user.username}: {previous} → {user.role}")

"""A demo organisation for a newcomer's first `make run`: statistics worth looking at, at once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import click
from sqlalchemy import select

from ..accounts.models import Role, User
from ..accounts.registry import create_user, find_user, one_time_password
from ..audit.log import record
from ..extensions import db
from ..organisations.models import Membership
from .generate import DemoSummary, generate_demo

DEMO_PARTICIPANTS = 300


@dataclass(frozen=True)
class DemoSeed:
    summary: DemoSummary
    username: str
    password: str

    def announce(self) -> None:
        """Print the coordinator's one-time password (once the seed is committed)."""
        click.echo(
            f"A demo organisation with {self.summary.groups} groups and {self.summary.participants} participants was added."
        )
        click.echo("Its coordinator sees the statistics; this one-time password is shown only once:")
        click.echo(f"  user name: {self.username}")
        click.echo(f"  password:  {self.password}")


def seed_demo_if_empty() -> DemoSeed | None:
    """With no participants yet, add a demo organisation with groups, participants and a coordinator."""
    if db.session.scalar(select(User.id).where(User.role == Role.PARTICIPANT.value).limit(1)) is not None:
        return None
    try:
        summary = generate_demo(DEMO_PARTICIPANTS, seed=1, organisations=1)
    except ValueError as problem:
        click.echo(f"no demo data: {problem}", err=True)
        return None
    username = "coordinator" if find_user("coordinator") is None else f"coordinator-{secrets.token_hex(3)}"
    password = one_time_password()
    coordinator = create_user(
        username, password, role=Role.COORDINATOR, display_name="Demo coordinator", chosen_by_owner=False
    )
    db.session.add(Membership(user_id=coordinator.id, organisation_id=summary.organisations[0]))
    record(None, "account.create", f"user:{coordinator.id}", role=Role.COORDINATOR.value, demo=True)
    return DemoSeed(summary, username, password)

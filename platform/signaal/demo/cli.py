"""`flask demo generate`: a demo data set, small for a first look or large for benchmarks."""

from __future__ import annotations

import time
from datetime import date

import click
from flask.cli import AppGroup

from ..extensions import db
from .generate import generate_demo, refresh_planner_statistics

demo_cli = AppGroup("demo", help="Generate demo data.")


@demo_cli.command("generate")
@click.option("--participants", type=click.IntRange(1, 2_000_000), default=300, show_default=True)
@click.option("--organisations", type=click.IntRange(1, 1000), default=None, help="Default: one per 10,000 participants.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same data.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The day the history ends (default: today).")
def generate_command(participants: int, organisations: int | None, seed: int, today) -> None:
    """Add demo organisations, groups and participants with progress, quiz attempts and certificates."""
    started = time.perf_counter()
    try:
        summary = generate_demo(
            participants, seed=seed, organisations=organisations, today=today.date() if today else date.today()
        )
    except ValueError as problem:
        raise click.ClickException(str(problem))
    db.session.commit()
    refresh_planner_statistics()
    db.session.commit()
    click.echo(f"{summary.participants} participants in {len(summary.organisations)} organisations and {summary.groups} groups")
    for table, count in summary.rows.items():
        click.echo(f"  {table}: {count} rows")
    click.echo(f"in {time.perf_counter() - started:.1f} s")

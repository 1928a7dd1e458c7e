"""`flask statistics rebuild` and `flask statistics verify`: the summary counters against the raw rows."""

from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from ..extensions import db
from .summaries import differences, rebuild

statistics_cli = AppGroup("statistics", help="Rebuild or check the statistics summaries.")
SHOWN = 50


@statistics_cli.command("rebuild")
def rebuild_command() -> None:
    """Recompute every statistics summary from the raw rows (after an import, a restore or a bug fix)."""
    started = time.perf_counter()
    rebuild()
    db.session.commit()
    click.echo(f"statistics summaries rebuilt in {time.perf_counter() - started:.1f} s")


@statistics_cli.command("verify")
def verify_command() -> None:
    """Compare the statistics summaries with the raw rows; print every difference and exit 1 if there is one."""
    found = differences()
    db.session.rollback()
    if not found:
        click.echo("statistics summaries match the raw rows")
        return
    click.echo(f"{len(found)} summary rows differ from the raw rows (organisation, group, course, figure, key: stored → raw):")
    for (organisation_id, group_id, course_id, figure, key), have, want in found[:SHOWN]:
        click.echo(f"  {organisation_id}, {group_id}, {course_id}, {figure}, {key!r}: {have[0]} ({have[1]:g}) → {want[0]} ({want[1]:g})")
    if len(found) > SHOWN:
        click.echo(f"  … and {len(found) - SHOWN} more")
    click.echo("run `flask statistics rebuild` to recompute them")
    raise SystemExit(1)

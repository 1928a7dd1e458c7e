"""`flask courses check|publish`: the trainer's tools for the Markdown courses."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .compiling import compile_course
from .reading import find_course_folders
from .publishing import blocks, publish_course

courses_cli = AppGroup("courses", help="Check and publish the Markdown courses.")

path_argument = click.argument(
    "path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


def _course_folders(path: Path | None) -> list[Path]:
    folders, problems = find_course_folders(path or current_app.config["COURSES_PATH"])
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(1)
    return folders


def _report(problems) -> None:
    for problem in problems:
        click.echo(f"{problem}", err=True)


@courses_cli.command("check")
@path_argument
@strict_option
def check_command(path: Path | None, strict: bool) -> None:
    """Validate one course folder, or every course in courses/; exit 1 on errors."""
    failed = False
    for folder in _course_folders(path):
        problems = compile_course(folder).problems
        _report(problems)
        failed |= blocks(problems, strict)
    if failed:
        raise SystemExit(1)
    click.echo("ok")


@courses_cli.command("publish")
@path_argument
@strict_option
def publish_command(path: Path | None, strict: bool) -> None:
    """Check, compile and publish a new version of each changed course."""
    failed = False
    for folder in _course_folders(path):
        outcome = publish_course(folder, strict=strict)
        _report(outcome.problems)
        if outcome.failed:
            failed = True
            click.echo(f"{outcome.course_id}: not published, fix the errors above", err=True)
        elif outcome.created:
            click.echo(f"{outcome.course_id}: published version {outcome.version.number}")
        else:
            click.echo(f"{outcome.course_id}: unchanged (version {outcome.version.number})")
    if failed:
        raise SystemExit(1)

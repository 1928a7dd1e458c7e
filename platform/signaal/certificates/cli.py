"""`flask credentials …` (the signing keys) and `flask certificates …` (this server's PDF fonts)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from ..audit.log import record
from ..extensions import db
from .fonts import build_certificate_fonts
from .key_store import RotationRefused, key_statuses, rotate_signing_key, signing_key
from .signing_key import KeyNotUnsealed

credentials_cli = AppGroup("credentials", help="The keys that sign certificate credentials (Open Badges).")
certificates_cli = AppGroup("certificates", help="Certificate files on this server.")


@credentials_cli.command("rotate-key")
def rotate_key_command() -> None:
    """Make a new signing key. Credentials signed before keep verifying: the old key stays published."""
    try:
        row = rotate_signing_key()
    except RotationRefused as refused:
        raise click.ClickException(str(refused)) from None
    record(None, "credentials.rotate-key", f"credential-key:{row.kid}", generation=row.generation)
    db.session.commit()
    click.echo(f"New signing key {row.kid} (generation {row.generation}). Every server signs with it from now on;")
    click.echo("the previous key stays in /.well-known/jwks.json while credentials it signed can be valid.")


@credentials_cli.command("keys")
def keys_command() -> None:
    """List the signing keys: which one signs, which are published, and whether this server can sign."""
    statuses = key_statuses()
    db.session.commit()  # a key made or taken in on first use is kept
    for status in statuses:
        state = "signs" if status.signs else ("published" if status.published else "no longer published")
        retired = f", retired {status.retired_at:%Y-%m-%d %H:%M}" if status.retired_at else ""
        click.echo(f"{status.kid}  {state}  (made {status.created_at:%Y-%m-%d %H:%M}{retired})")
    try:
        signing_key()
    except KeyNotUnsealed as problem:
        raise click.ClickException(str(problem)) from None
    click.echo("This server can sign with the current key.")


@certificates_cli.command("build-fonts")
def build_fonts_command() -> None:
    """Cut the static certificate fonts on this server (once per server and Signaal upgrade; needs no database)."""
    folder = current_app.config["FONT_CACHE_PATH"]
    fonts = build_certificate_fonts(folder)
    click.echo(f"{len(fonts)} certificate fonts ready in {folder}")

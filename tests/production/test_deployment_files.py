"""The sample settings and systemd unit in docs/examples work as written (docs/deployment.md shows them).

systemd reads an EnvironmentFile= differently from a shell: a comment after a
value stays part of the value, so `SIGNAAL_PROXY_HOPS=1  # one proxy` stops
the app from starting. The parser below follows systemd.exec(5); the file must
read the same there and in a shell (`set -a; . /etc/signaal.env`), and every
value must be one config.py accepts.
"""

from __future__ import annotations

import configparser
import subprocess
from pathlib import Path

import click
import pytest
from sqlalchemy.engine import make_url

from signaal.config import load_config

REPOSITORY = Path(__file__).parents[2]
EXAMPLES = REPOSITORY / "docs" / "examples"
DEPLOYMENT = REPOSITORY / "docs" / "deployment.md"


def systemd_environment_file(text: str) -> dict[str, str]:
    """Read assignments the way systemd's EnvironmentFile= does (systemd.exec(5))."""
    values: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line or line[0] in "#;" or "=" not in line:
            continue
        name, raw = line.split("=", 1)
        raw = raw.strip()
        if raw[:1] in ("'", '"'):
            quote = raw[0]
            while raw.count(quote) < 2 and index < len(lines):  # quoted values may span lines
                raw += "\n" + lines[index]
                index += 1
            end = raw.index(quote, 1)
            value = raw[1:end]
            if quote == '"':
                value = value.replace('\\"', '"').replace("\\\\", "\\")
        else:
            while raw.endswith("\\") and index < len(lines):  # a trailing backslash continues the line
                raw = raw[:-1] + lines[index].strip()
                index += 1
            # Unquoted: backslash escapes as in a shell; everything else, "#" included, is kept verbatim.
            value, escaped = "", False
            for character in raw:
                if escaped or character != "\\":
                    value += character
                    escaped = False
                else:
                    escaped = True
        values[name.strip()] = value
    return values


def shell_environment(path: Path) -> dict[str, str]:
    """What `set -a; . FILE` exports, as the docs load it for `flask` commands and cron."""
    output = subprocess.run(
        ["bash", "-c", 'set -a; . "$1"; set +a; env -0', "bash", str(path)],
        env={"PATH": "/usr/bin:/bin"}, capture_output=True, check=True,
    ).stdout.decode()
    exported = dict(item.split("=", 1) for item in output.split("\0") if "=" in item)
    return {name: value for name, value in exported.items() if name not in ("PATH", "PWD", "SHLVL", "_", "OLDPWD")}


@pytest.fixture
def settings() -> dict[str, str]:
    return systemd_environment_file((EXAMPLES / "signaal.env").read_text())


def test_the_settings_file_reads_the_same_under_systemd_and_in_a_shell(settings):
    assert settings == shell_environment(EXAMPLES / "signaal.env")
    for name, value in settings.items():
        assert "#" not in value and value == value.strip(), f"{name}={value!r}: nothing may follow a value"


def test_every_sample_setting_is_one_signaal_accepts(settings, tmp_path, monkeypatch):
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    config = load_config(tmp_path, None)

    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    assert url.drivername == "postgresql+psycopg" and url.host == "DB_HOST" and url.database == "signaal"
    assert config["SECRET_KEY"] == settings["SECRET_KEY"] and len(config["SECRET_KEY"]) >= 32
    assert config["RATELIMIT_STORAGE_URI"] == "redis://REDIS_HOST:6379/0"  # a shared Redis, not each machine's own
    assert config["SESSION_COOKIE_SECURE"] is True and config["REMEMBER_COOKIE_SECURE"] is True
    assert config["SIGNAAL_PROXY_HOPS"] == 1
    assert config["SIGNAAL_RETENTION_MONTHS"] == 24
    assert click.BOOL(settings["SIGNAAL_DEMO"]) is False  # `flask setup --demo/--no-demo` reads it
    assert not (tmp_path / "secret_key").exists()  # the shared SECRET_KEY is used, none made per machine


def test_the_per_server_file_sets_only_the_bind_address():
    values = systemd_environment_file((EXAMPLES / "signaal-server.env").read_text())
    assert values == {"GUNICORN_CMD_ARGS": "--bind APP_SERVER_PRIVATE_ADDRESS:8000"}


def test_the_systemd_unit_starts_gunicorn_with_the_settings():
    unit = configparser.ConfigParser(strict=False, interpolation=None, comment_prefixes=("#", ";"))
    unit.optionxform = str
    text = (EXAMPLES / "signaal.service").read_text()
    unit.read_string(text)
    service = unit["Service"]
    assert "EnvironmentFile=/etc/signaal.env" in text.splitlines()
    assert "EnvironmentFile=-/etc/signaal-server.env" in text.splitlines()  # "-": optional
    command = service["ExecStart"].split()
    assert command[0] == f"{service['WorkingDirectory']}/.venv/bin/gunicorn"
    assert "--no-control-socket" in command and command[-1] == "wsgi:app"
    assert "--bind" not in command  # the bind address comes from the per-server file, or gunicorn's 127.0.0.1:8000
    assert "app = create_app()" in (REPOSITORY / "wsgi.py").read_text()


@pytest.mark.parametrize("name", ["signaal.env", "signaal-server.env", "signaal.service"])
def test_the_deployment_guide_shows_the_files_as_they_are(name):
    assert (EXAMPLES / name).read_text() in DEPLOYMENT.read_text()

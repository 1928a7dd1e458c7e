"""Configuration: safe defaults, overridden by environment variables, then by test overrides."""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def default_instance_path() -> Path:
    """Where the database, keys and caches live: `instance/` at the repository root."""
    return Path(os.environ.get("SIGNAAL_INSTANCE_PATH") or REPOSITORY_ROOT / "instance").resolve()


def load_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the configuration mapping for one app instance."""
    config = {
        # The address participants use, e.g. https://signaal.example.nl: every absolute link
        # (invitations, certificate verification, the credential issuer) is built from it, and a
        # request naming another host is refused. The default is what `make run` serves.
        "PUBLIC_URL": os.environ.get("SIGNAAL_PUBLIC_URL", "http://127.0.0.1:5000"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance_path / 'signaal.db'}",
        "COURSES_PATH": Path(os.environ.get("SIGNAAL_COURSES_PATH", REPOSITORY_ROOT / "courses")),
        "TRANSLATIONS_PATH": REPOSITORY_ROOT / "translations",
        "MIGRATIONS_PATH": REPOSITORY_ROOT / "migrations",
        "FONT_CACHE_PATH": Path(os.environ.get("SIGNAAL_FONT_CACHE", instance_path / "fonts")),
        # A PEM file with the key that signs certificate credentials, kept by the operator; unset
        # (the default), the keys live in the database (certificates/key_store.py).
        "CREDENTIAL_KEY_FILE": os.environ.get("SIGNAAL_CREDENTIAL_KEY") or None,
        # Werkzeug's scrypt: deliberately slow, so a stolen database is expensive to crack.
        "PASSWORD_HASH_METHOD": "scrypt",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SIGNAAL_SECURE_COOKIES", "") == "1",
        # A session ends after this long even if nobody signs out (the signed cookie carries its
        # date, so the server refuses an older one); sign-out and the rest end it at once.
        "PERMANENT_SESSION_LIFETIME": timedelta(days=_whole_number("SIGNAAL_SESSION_DAYS") or 14),
        "REMEMBER_COOKIE_DURATION": timedelta(days=_whole_number("SIGNAAL_SESSION_DAYS") or 14),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": os.environ.get("SIGNAAL_SECURE_COOKIES", "") == "1",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # a quiz may stay open for a long read
        "BABEL_DEFAULT_LOCALE": "en",
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        # A database that is down or hangs fails fast (the app's 503 page) instead of holding
        # every worker: seconds to connect, milliseconds a statement may run (PostgreSQL).
        "DATABASE_CONNECT_TIMEOUT": _whole_number("SIGNAAL_DB_CONNECT_TIMEOUT") or 5,
        "DATABASE_STATEMENT_TIMEOUT_MS": _whole_number("SIGNAAL_DB_STATEMENT_TIMEOUT_MS") or 15_000,
        # Shared by every app process when it points at Redis, e.g. redis://127.0.0.1:6379/0
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Per client address. A class registering together shares one address: keep room for it.
        "SIGNAAL_LOGIN_LIMIT": os.environ.get("SIGNAAL_LOGIN_LIMIT", "20 per minute; 200 per hour"),
        "SIGNAAL_REGISTER_LIMIT": os.environ.get("SIGNAAL_REGISTER_LIMIT", "60 per hour"),
        # Opening and using one invitation, per invitation and client address: a class behind
        # one NAT address joins together (organisations/join_views.py).
        "SIGNAAL_JOIN_LIMIT": os.environ.get("SIGNAAL_JOIN_LIMIT", "300 per minute; 3000 per hour"),
        # Unknown or expired codes and links per client address: guessing codes stays hopeless.
        "SIGNAAL_JOIN_GUESS_LIMIT": os.environ.get("SIGNAAL_JOIN_GUESS_LIMIT", "20 per minute; 100 per hour"),
        # Coordinators resetting passwords: no mass resets.
        "SIGNAAL_PASSWORD_RESET_LIMIT": os.environ.get("SIGNAAL_PASSWORD_RESET_LIMIT", "30 per hour"),
        # Figures covering several organisations hide counts below this, so no one can be singled out.
        "STATISTICS_MIN_CELL_SIZE": _whole_number("SIGNAAL_MIN_CELL_SIZE") or 5,
        # How many reverse proxies in front of Signaal set X-Forwarded-For/-Proto/-Host (0 = none).
        "SIGNAAL_PROXY_HOPS": _whole_number("SIGNAAL_PROXY_HOPS"),
        # Participants inactive this long are anonymised by `flask privacy purge-inactive`; 0 = never.
        "SIGNAAL_RETENTION_MONTHS": _whole_number("SIGNAAL_RETENTION_MONTHS"),
        # A module whose `reviewed:` date is older than this is due for review (`flask courses reviews`).
        "SIGNAAL_REVIEW_MONTHS": _whole_number("SIGNAAL_REVIEW_MONTHS") or 12,
        # Where the "leave quickly" link of a quick_exit course goes: an ordinary, neutral site.
        "SIGNAAL_QUICK_EXIT_URL": os.environ.get("SIGNAAL_QUICK_EXIT_URL", "https://www.google.com/"),
        # The organisation that runs this instance, printed on certificates as their issuer.
        "SIGNAAL_ISSUER_NAME": os.environ.get("SIGNAAL_ISSUER_NAME", "").strip(),
    }
    if overrides:
        config.update(overrides)
    config["SQLALCHEMY_DATABASE_URI"] = database_url_with_driver(config["SQLALCHEMY_DATABASE_URI"])
    config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(config)
    config["PUBLIC_URL"] = public_url(config["PUBLIC_URL"])
    config.setdefault("TRUSTED_HOSTS", trusted_hosts(config["PUBLIC_URL"]))
    config.setdefault("SECRET_KEY", os.environ.get("SECRET_KEY") or _stored_secret_key(instance_path))
    return config


def _engine_options(config: dict) -> dict:
    options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
    if config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # A server restart or failover leaves dead connections in the pool: test each before use.
        # (A SQLite file cannot go away under an open connection, so it is not pinged.)
        options.setdefault("pool_pre_ping", True)
        options.setdefault("pool_timeout", config["DATABASE_CONNECT_TIMEOUT"])
        connect_args = {
            "connect_timeout": config["DATABASE_CONNECT_TIMEOUT"],
            "options": f"-c statement_timeout={config['DATABASE_STATEMENT_TIMEOUT_MS']}",
        }
        options["connect_args"] = {**connect_args, **options.get("connect_args", {})}
    return options


def _whole_number(variable: str) -> int:
    from .security import whole_number  # the one parser for numbers written as text

    value = os.environ.get(variable, "").strip() or "0"
    number = whole_number(value, largest=10**6)
    if number is None:
        raise SystemExit(f"{variable}={value!r}: not a whole number — set it to e.g. 0, 1 or 24")
    return number


def _stored_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, creating it on first start so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def database_url_with_driver(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def public_url(url: str) -> str:
    """The public base URL without a trailing slash; stop with a clear message when it is not one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/") or parts.query:
        raise SystemExit(
            f"SIGNAAL_PUBLIC_URL={url!r}: not a site address — set it to e.g. https://signaal.example.nl"
        )
    return f"{parts.scheme}://{parts.netloc}"


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def trusted_hosts(url: str) -> list[str]:
    """Flask's TRUSTED_HOSTS: the public host (on one's own computer, any loopback name)."""
    host = urlsplit(url).hostname
    return [host, *(name for name in LOOPBACK_NAMES if name != host)] if is_loopback(url) else [host]

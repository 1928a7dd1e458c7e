"""Configuration: safe defaults, overridden by environment variables, then by test overrides."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def default_instance_path() -> Path:
    """Where the database, keys and caches live: `instance/` at the repository root."""
    return Path(os.environ.get("SIGNAAL_INSTANCE_PATH") or REPOSITORY_ROOT / "instance").resolve()


def load_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the configuration mapping for one app instance."""
    config = {
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
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": os.environ.get("SIGNAAL_SECURE_COOKIES", "") == "1",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # a quiz may stay open for a long read
        "BABEL_DEFAULT_LOCALE": "en",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Shared by every app process when it points at Redis, e.g. redis://127.0.0.1:6379/0
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # Per client address. A class registering together shares one address: keep room for it.
        "SIGNAAL_LOGIN_LIMIT": os.environ.get("SIGNAAL_LOGIN_LIMIT", "20 per minute; 200 per hour"),
        "SIGNAAL_REGISTER_LIMIT": os.environ.get("SIGNAAL_REGISTER_LIMIT", "60 per hour"),
        # Typing group invite codes, and coordinators resetting passwords: no guessing, no mass resets.
        "SIGNAAL_JOIN_LIMIT": os.environ.get("SIGNAAL_JOIN_LIMIT", "10 per minute; 60 per hour"),
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
    }
    if overrides:
        config.update(overrides)
    config["SQLALCHEMY_DATABASE_URI"] = database_url_with_driver(config["SQLALCHEMY_DATABASE_URI"])
    config.setdefault("SECRET_KEY", os.environ.get("SECRET_KEY") or _stored_secret_key(instance_path))
    return config


def _whole_number(variable: str) -> int:
    value = os.environ.get(variable, "").strip() or "0"
    if not value.isdigit():
        raise SystemExit(f"{variable}={value!r}: not a whole number — set it to e.g. 0, 1 or 24")
    return int(value)


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

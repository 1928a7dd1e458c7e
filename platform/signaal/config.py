"""Configuration: safe defaults, overridden by environment variables, then by test overrides."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def load_config(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the configuration mapping for one app instance."""
    config = {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
        or f"sqlite:///{instance_path / 'signaal.db'}",
        "COURSES_PATH": Path(os.environ.get("SIGNAAL_COURSES_PATH", REPOSITORY_ROOT / "courses")),
        "TRANSLATIONS_PATH": REPOSITORY_ROOT / "translations",
        "FONT_CACHE_PATH": Path(os.environ.get("SIGNAAL_FONT_CACHE", instance_path / "fonts")),
        # Werkzeug's scrypt: deliberately slow, so a stolen database is expensive to crack.
        "PASSWORD_HASH_METHOD": "scrypt",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SIGNAAL_SECURE_COOKIES", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # a quiz may stay open for a long read
        "BABEL_DEFAULT_LOCALE": "en",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Shared by every app process when it points at Redis, e.g. redis://127.0.0.1:6379/0
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
    }
    config["SQLALCHEMY_DATABASE_URI"] = _modern_postgres_url(config["SQLALCHEMY_DATABASE_URI"])
    if overrides:
        config.update(overrides)
    config.setdefault("SECRET_KEY", os.environ.get("SECRET_KEY") or _stored_secret_key(instance_path))
    return config


def _stored_secret_key(instance_path: Path) -> str:
    """Read the instance's secret key, creating it on first start so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _modern_postgres_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy wants a driver name.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url

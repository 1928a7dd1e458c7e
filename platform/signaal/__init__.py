"""Signaal: awareness trainings against labour exploitation, from Markdown course to certificate."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import load_config
from .extensions import babel, csrf, db, limiter, login_manager


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, domains, commands."""
    config = config or {}
    app = Flask(__name__, instance_path=config.get("INSTANCE_PATH"))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(Path(app.instance_path), config))

    _init_extensions(app)
    _register_domains(app)
    _register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    from .accounts.session import load_user
    from .languages import select_locale, template_context

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.config["TRANSLATIONS_PATH"]),
    )
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    app.context_processor(template_context)


def _register_domains(app: Flask) -> None:
    from . import errors
    from .audit import models as _audit_tables  # noqa: F401 (create_all sees them)
    from .organisations import models as _organisation_tables  # noqa: F401
    from .accounts.views import bp as accounts
    from .certificates import issuing
    from .certificates.views import bp as certificates
    from .courses.views import bp as courses
    from .learning.views import bp as learning
    from .quizzes.views import bp as quizzes
    from .statistics.views import bp as statistics

    for blueprint in (accounts, courses, learning, quizzes, certificates, statistics):
        app.register_blueprint(blueprint)
    errors.register(app)
    issuing.listen_for_completions()


def _register_commands(app: Flask) -> None:
    from .accounts.cli import users_cli
    from .courses.cli import courses_cli
    from .setup import setup_command

    app.cli.add_command(users_cli)
    app.cli.add_command(courses_cli)
    app.cli.add_command(setup_command)

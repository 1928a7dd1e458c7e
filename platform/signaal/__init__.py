"""Signaal: awareness trainings against labour exploitation, from Markdown course to certificate."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .config import default_instance_path, load_config
from .extensions import babel, csrf, db, limiter, login_manager
from .security import init_security


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, domains, commands."""
    config = config or {}
    app = Flask(__name__, instance_path=str(config.get("INSTANCE_PATH") or default_instance_path()))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(load_config(Path(app.instance_path), config))

    init_security(app)
    _init_extensions(app)
    _register_domains(app)
    _register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    from .accounts.session import load_user
    from .database import init_database
    from .transaction import init_request_transactions
    from .languages import init_app as init_languages
    from .languages import select_locale, template_context

    init_database(app)
    init_request_transactions(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.config["TRANSLATIONS_PATH"]),
    )
    init_languages(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    app.context_processor(template_context)


def _register_domains(app: Flask) -> None:
    from . import errors
    from .audit import models as _audit_tables  # noqa: F401 (create_all sees them)
    from .organisations import models as _organisation_tables  # noqa: F401
    from .accounts.views import bp as accounts
    from .audit.views import bp as audit
    from .certificates import issuing
    from .certificates.views import bp as certificates
    from .courses.views import bp as courses
    from .languages.views import bp as languages
    from .learning import last_activity  # noqa: F401 - keeps each person's last activity with their enrolments
    from .learning import progress
    from .learning.views import bp as learning
    from .privacy import activity
    from .privacy.erasure import connect_erasure_listeners
    from .privacy.views import bp as privacy
    from .quizzes.views import bp as quizzes
    from .scenarios.views import bp as scenarios
    from .statistics import maintenance  # noqa: F401 - keeps the summary counters in step with every write
    from .statistics.views import bp as statistics

    for blueprint in (accounts, languages, courses, learning, scenarios, quizzes, certificates, statistics):
        app.register_blueprint(blueprint)
    for blueprint in (privacy, audit):
        app.register_blueprint(blueprint)
    _register_organisations_and_trainers(app)
    errors.register(app)
    issuing.listen_for_completions()
    progress.listen_for_publishing()
    connect_erasure_listeners()
    activity.remember_sign_ins()


def _register_organisations_and_trainers(app: Flask) -> None:
    from .organisations.import_views import bp as imports
    from .organisations.join_views import bp as joining
    from .organisations.views import bp as organisations
    from .trainers.views import bp as trainers

    for blueprint in (organisations, joining, imports, trainers):
        app.register_blueprint(blueprint)


def _register_commands(app: Flask) -> None:
    from .accounts.cli import users_cli
    from .certificates.cli import certificates_cli, credentials_cli
    from .courses.cli import courses_cli
    from .languages.cli import translations_cli
    from .privacy.cli import privacy_cli
    from .scorm.cli import export_command
    from .setup import setup_command
    from .statistics.cli import statistics_cli

    app.cli.add_command(users_cli)
    courses_cli.add_command(export_command)
    app.cli.add_command(courses_cli)
    app.cli.add_command(translations_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(setup_command)
    app.cli.add_command(credentials_cli)
    app.cli.add_command(certificates_cli)
    app.cli.add_command(statistics_cli)
    _register_organisation_commands(app)


def _register_organisation_commands(app: Flask) -> None:
    from .demo.cli import demo_cli
    from .organisations.cli import organisations_cli

    app.cli.add_command(organisations_cli)
    app.cli.add_command(demo_cli)

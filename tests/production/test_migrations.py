"""The migrations build exactly the schema the models describe, and `flask setup` applies them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import downgrade
from sqlalchemy import inspect

from quiz_answers import module_row
from signaal.accounts.models import User
from signaal.accounts.registry import create_user
from signaal.courses.publishing import publish_course
from signaal.learning.progress import record_quiz_attempt
from signaal.scenarios.playing import choose
from signaal.statistics.summaries import differences
from signaal.certificates.key_store import CredentialKey
from signaal.database import comparing_models_with_database, upgrade_database
from signaal.extensions import db


def schema_differences() -> list:
    """What `flask db migrate` would put in a new migration (empty when models and migrations agree)."""
    with db.engine.connect() as connection:
        # The options `flask db migrate` compares with (database.py), and the type of every column.
        options = {**current_app.extensions["migrate"].configure_args, "compare_type": True}
        context = MigrationContext.configure(connection, opts=options)
        with comparing_models_with_database():
            return compare_metadata(context, db.metadata)


def test_migrations_match_the_models(bare_app):
    with bare_app.app_context():
        upgrade_database()
        differences = schema_differences()
    assert differences == [], (
        "the models changed without a migration — run `flask db migrate -m '…'` and review it "
        f"(docs/deployment.md): {differences}"
    )


def test_migrations_can_be_undone_and_redone(bare_app):
    with bare_app.app_context():
        upgrade_database()
        downgrade(directory=str(bare_app.config["MIGRATIONS_PATH"]), revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade_database()
        assert schema_differences() == []


def test_setup_builds_the_database_and_can_run_again(bare_app):
    runner = bare_app.test_cli_runner()
    first = runner.invoke(args=["setup", "--no-demo"])
    assert first.exit_code == 0, first.output
    assert "password:" in first.output
    again = runner.invoke(args=["setup", "--no-demo"])
    assert again.exit_code == 0, again.output
    assert "password:" not in again.output  # the administrator exists already
    with bare_app.app_context():
        admins = db.select(db.func.count()).select_from(User).filter_by(role="admin")
        assert db.session.scalar(admins) == 1
        # The credential signing key is made once, in the database every server shares.
        assert db.session.scalar(db.select(db.func.count()).select_from(CredentialKey)) == 1


def test_setup_refuses_a_database_made_without_migrations(bare_app):
    with bare_app.app_context():
        db.create_all()
    result = bare_app.test_cli_runner().invoke(args=["setup", "--no-demo"])
    assert result.exit_code != 0
    assert "created without migrations" in result.output and "flask db stamp head" in result.output


def test_the_newest_recount_brings_counters_of_an_older_database_up_to_date(bare_app):
    # A database from before the funnel's played figures (statistics/sql.py): scenarios played and quizzes
    # passed, but no counter rows for them. Upgrading recounts every counter from the raw rows.
    with bare_app.app_context():
        upgrade_database()
        version = publish_course(bare_app.config["COURSES_PATH"] / "scenes").version
        module = module_row(version, "house")
        player = create_user("player", "a long enough password")
        db.session.commit()
        scenario = module.scenarios[0]
        step = scenario.start
        for index in (0, 0):  # talk outside, then give the helpline: a good end
            choose(player, module, scenario, attempt=1, step_id=step.id, choice_index=index)
            db.session.commit()
            step = scenario.step(step.choices[index].target)
        record_quiz_attempt(player, module, passed=True, live=version)
        db.session.commit()
        assert differences() == []
        db.session.rollback()  # the comparison's transaction: the migrations take their own connection
        downgrade(directory=str(bare_app.config["MIGRATIONS_PATH"]), revision="b7d2e4f19c30")
        assert {key[3] for key, _stored, _counted in differences()} == {"played", "played_passed"}
        db.session.rollback()
        upgrade_database()
        assert differences() == []

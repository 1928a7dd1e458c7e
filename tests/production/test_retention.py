"""`flask privacy purge-inactive`: participants inactive for N months are anonymised, safely and repeatably."""

from __future__ import annotations

from datetime import datetime, timedelta

from signaal.accounts.models import Role, User
from signaal.audit.models import AuditEntry
from signaal.clock import utcnow
from signaal.extensions import db
from signaal.learning.models import Enrolment
from signaal.privacy.retention import months_before
from web_forms import PASSWORD, submit_form

from participants import complete_tiny_course, join, organisation_totals

LONG_AGO = utcnow() - timedelta(days=800)


def aged(user: User, *, seen: datetime | None = LONG_AGO) -> User:
    user.created_at = LONG_AGO
    user.last_seen_at = seen
    db.session.commit()
    return user


def active_in_course(user: User, when: datetime) -> None:
    db.session.add(Enrolment(user_id=user.id, course_id="tiny", started_at=LONG_AGO, last_active_at=when))
    db.session.commit()


def deleted_ids() -> set[int]:
    return set(db.session.scalars(db.select(User.id).where(User.deleted_at.is_not(None))))


def test_only_participants_inactive_for_the_whole_period_go(runner, make_user, tiny_course):
    gone = aged(make_user())
    gone_too = aged(make_user(), seen=None)
    active_in_course(gone_too, LONG_AGO)
    recently_signed_in = aged(make_user(), seen=utcnow() - timedelta(days=20))
    recently_learning = aged(make_user())
    active_in_course(recently_learning, utcnow() - timedelta(days=20))
    new = make_user()
    staff = aged(make_user(role=Role.COORDINATOR))

    result = runner.invoke(args=["privacy", "purge-inactive", "--months", "12"])
    assert result.exit_code == 0, result.output
    assert "deleted 2 account(s)" in result.output
    assert deleted_ids() == {gone.id, gone_too.id}
    kept = [recently_signed_in, recently_learning, new, staff]
    assert all(db.session.get(User, user.id).deleted_at is None for user in kept)
    entries = db.session.scalars(db.select(AuditEntry).filter_by(action="account.delete")).all()
    assert {entry.target for entry in entries} == {f"user:{gone.id}", f"user:{gone_too.id}"}
    assert all(entry.actor_name == "(command line)" for entry in entries)


def test_a_dry_run_changes_nothing_and_a_second_run_finds_nothing(runner, make_user):
    user = aged(make_user())
    dry = runner.invoke(args=["privacy", "purge-inactive", "--months", "6", "--dry-run"])
    assert dry.exit_code == 0 and "would delete 1 account(s)" in dry.output and f"user:{user.id}" in dry.output
    assert deleted_ids() == set()
    assert runner.invoke(args=["privacy", "purge-inactive", "--months", "6"]).exit_code == 0
    again = runner.invoke(args=["privacy", "purge-inactive", "--months", "6"])
    assert again.exit_code == 0 and "deleted 0 account(s)" in again.output
    assert deleted_ids() == {user.id}


def test_the_setting_is_used_and_off_by_default(app, runner, make_user):
    aged(make_user())
    off = runner.invoke(args=["privacy", "purge-inactive"])
    assert off.exit_code == 0 and "retention is off" in off.output and deleted_ids() == set()
    app.config["SIGNAAL_RETENTION_MONTHS"] = 24
    on = runner.invoke(args=["privacy", "purge-inactive"])
    assert on.exit_code == 0 and "deleted 1 account(s) inactive for 24 months" in on.output


def test_purging_keeps_the_organisations_totals(client, runner, make_user, login, tiny_course):
    user = login(make_user())
    organisation = join(user)
    complete_tiny_course(client, tiny_course)
    before = organisation_totals(organisation)
    aged(user)
    db.session.execute(db.update(Enrolment).values(last_active_at=LONG_AGO))
    db.session.execute(db.text("UPDATE quiz_attempts SET submitted_at = :t"), {"t": LONG_AGO})
    db.session.commit()
    assert runner.invoke(args=["privacy", "purge-inactive", "--months", "12"]).exit_code == 0
    assert deleted_ids() == {user.id}
    assert organisation_totals(organisation) == before


def test_signing_in_counts_as_activity(client, make_user):
    user = aged(make_user())
    submit_form(client, "/account/login", {"username": user.username, "password": PASSWORD})
    db.session.expire_all()
    assert db.session.get(User, user.id).last_seen_at > utcnow() - timedelta(minutes=5)


def test_months_are_calendar_months():
    assert months_before(datetime(2024, 3, 31, 12), 1) == datetime(2024, 2, 29, 12)
    assert months_before(datetime(2024, 1, 15), 13) == datetime(2022, 12, 15)

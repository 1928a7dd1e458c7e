"""Demo data: generated in bulk, the same for the same seed, seeded once by `flask setup`."""

from __future__ import annotations

from sqlalchemy import func, select, text

from signaal.accounts.models import Role, User
from signaal.demo.generate import generate_demo
from signaal.demo.seeding import seed_demo_if_empty
from signaal.extensions import db
from signaal.learning.models import Enrolment
from signaal.organisations.models import Membership, Organisation


def people_of(organisation_id: int) -> list[tuple]:
    """Each person's name, language and progress, without ids or user names."""
    return db.session.execute(
        select(User.display_name, User.language, Enrolment.course_id, Enrolment.started_at, Enrolment.completed_at)
        .join(Membership, Membership.user_id == User.id)
        .outerjoin(Enrolment, Enrolment.user_id == User.id)
        .where(Membership.organisation_id == organisation_id)
        .order_by(User.id, Enrolment.course_id)
    ).all()


def test_the_same_seed_gives_the_same_people_and_progress(app, tiny_course):
    from datetime import date

    first = generate_demo(60, seed=7, organisations=1, today=date(2025, 3, 1))
    second = generate_demo(60, seed=7, organisations=1, today=date(2025, 3, 1))
    assert first.rows == second.rows and first.rows["users"] == 60
    assert people_of(first.organisations[0]) == people_of(second.organisations[0])
    assert db.session.get(Organisation, second.organisations[0]).name.endswith("(2)")
    assert db.session.scalar(select(func.count()).where(User.username.like("demo-%"))) == 120
    # Written in bulk, past the session's listeners: each person's last activity is still their latest course's.
    latest = select(func.max(Enrolment.last_active_at)).where(Enrolment.user_id == User.id).scalar_subquery()
    people = db.session.execute(select(User.last_active_at, latest).where(User.username.like("demo-%"))).all()
    assert people and all(mine == theirs for mine, theirs in people)
    assert any(mine is not None for mine, _ in people) and any(mine is None for mine, _ in people)


def test_the_generate_command_reports_what_it_made(runner, tiny_course):
    result = runner.invoke(args=["demo", "generate", "--participants", "25", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "25 participants in 1 organisations" in result.output and "module_progress:" in result.output
    # The planner was told about the new rows (without it PostgreSQL took 24 s for a list that takes 0.1).
    if db.engine.dialect.name == "sqlite":
        assert db.session.scalar(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'users'"))
    else:
        known = db.session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'users'"))
        assert known == db.session.scalar(select(func.count()).select_from(User))


def test_setup_seeds_a_demo_organisation_once_with_a_coordinator(app, client, tiny_course, capsys):
    seed_demo_if_empty().announce()
    db.session.commit()
    output = capsys.readouterr().out
    password = output.split("password:")[1].split()[0]
    coordinator = db.session.scalar(select(User).where(User.role == Role.COORDINATOR.value))
    assert coordinator.username == "coordinator"
    assert db.session.scalar(select(func.count()).where(User.role == Role.PARTICIPANT.value)) == 300
    seed_demo_if_empty()  # participants exist now: nothing more
    assert db.session.scalar(select(func.count()).where(User.role == Role.PARTICIPANT.value)) == 300
    # The coordinator signs in with the printed password and sees meaningful figures at once.
    from web_forms import submit_form

    signed_in = submit_form(client, "/account/login", {"username": "coordinator", "password": password})
    assert signed_in.location == "/account/password"  # a printed password is replaced first
    own = "lantaarn kiwi dijkgraaf zomer"
    assert submit_form(client, "/account/password", {"password": own, "confirm": own}).status_code == 302
    page = client.get("/statistics/").get_data(as_text=True)
    assert "Tiny course" in page and "No figures yet." not in page.split("By month")[0]

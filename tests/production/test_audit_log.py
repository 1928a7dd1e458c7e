"""Administrative actions are written to the audit log; administrators read it, newest first."""

from __future__ import annotations

from datetime import timedelta

from signaal.accounts.models import Role
from signaal.audit.log import record
from signaal.audit.models import AuditEntry
from signaal.clock import utcnow
from signaal.extensions import db


def entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(db.select(AuditEntry).filter_by(action=action).order_by(AuditEntry.id)))


def test_creating_an_account_from_the_command_line_is_recorded(runner):
    result = runner.invoke(args=["users", "create", "anna", "--role", "coordinator"])
    assert result.exit_code == 0, result.output
    (entry,) = entries("account.create")
    assert entry.actor_name == "(command line)" and entry.details == {"role": "coordinator"}
    assert entry.target.startswith("user:")


def test_changing_a_role_is_recorded(runner, make_user):
    user = make_user(username="bram")
    result = runner.invoke(args=["users", "set-role", "bram", "trainer"])
    assert result.exit_code == 0, result.output
    db.session.refresh(user)
    assert user.role == "trainer"
    (entry,) = entries("account.role-change")
    assert entry.target == f"user:{user.id}" and entry.details == {"before": "participant", "after": "trainer"}


def test_changing_the_role_of_nobody_says_so(runner):
    result = runner.invoke(args=["users", "set-role", "nobody", "admin"])
    assert result.exit_code != 0 and 'no account "nobody"' in result.output
    assert entries("account.role-change") == []


def test_publishing_from_the_command_line_is_recorded(runner, courses_dir):
    result = runner.invoke(args=["courses", "publish", str(courses_dir / "tiny")])
    assert result.exit_code == 0, result.output
    (entry,) = entries("course.publish")
    assert entry.target == "course:tiny" and entry.details == {"version": 1}
    again = runner.invoke(args=["courses", "publish", str(courses_dir / "tiny")])
    assert again.exit_code == 0 and len(entries("course.publish")) == 1  # unchanged: nothing done


def test_only_administrators_read_the_log(client, make_user, login):
    login(make_user(role=Role.COORDINATOR))
    assert client.get("/admin/audit/").status_code == 403


def test_the_log_page_shows_newest_first_a_page_at_a_time(client, make_user, login):
    admin = make_user(role=Role.ADMIN)
    start = utcnow() - timedelta(days=1)
    for number in range(60):
        entry = record(admin, "test.action", f"thing:{number:02d}")
        entry.at = start + timedelta(minutes=number)
    db.session.commit()
    login(admin)
    first = client.get("/admin/audit/").get_data(as_text=True)
    assert first.index("thing:59") < first.index("thing:58") and "thing:09" not in first
    second = client.get("/admin/audit/?page=2").get_data(as_text=True)
    assert "thing:09" in second and "thing:59" not in second
    assert client.get("/admin/audit/?page=3").status_code == 404
    assert client.get("/admin/audit/?page=99999999999999999999").status_code == 404


def test_the_log_escapes_what_it_shows(client, make_user, login):
    admin = make_user(role=Role.ADMIN)
    record(admin, "test.action", "<script>alert(1)</script>", note="<b>x</b>")
    db.session.commit()
    login(admin)
    html = client.get("/admin/audit/").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html and "<b>x</b>" not in html


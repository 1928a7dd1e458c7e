"""Expiry and renewal: retake the course or its refresher, get a new certificate, keep the old one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from certificate_helpers import certificates_for, complete_course, earn_certificate, expire
from signaal.certificates.issuing import add_months
from signaal.clock import today, utcnow
from signaal.courses.compiling import compile_course
from signaal.courses.publishing import publish_course
from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.learning.progress import enrolment_of, restart_course
from signaal.quizzes.models import QuizAttempt
from web_forms import submit_form


@pytest.fixture
def with_refresher(app, courses_dir):
    """The tiny course naming a shorter copy of itself, tiny-refresher, as its refresher."""
    main = courses_dir / "tiny"
    (main / "course.yml").write_text((main / "course.yml").read_text() + "refresher: tiny-refresher\n")
    refresher = courses_dir / "tiny-refresher"
    refresher.mkdir()
    (refresher / "course.yml").write_text("title: Tiny refresher\nlanguage: en\npass_mark: 50\n")
    (refresher / "01-basics.md").write_text((main / "01-basics.md").read_text())
    (refresher / "assets").mkdir()
    (refresher / "assets" / "map.png").write_bytes((main / "assets" / "map.png").read_bytes())
    versions = {}
    for folder in (main, refresher):
        outcome = publish_course(folder)
        assert not outcome.failed, [str(p) for p in outcome.problems]
        versions[folder.name] = outcome.version
    return versions["tiny"], versions["tiny-refresher"]


def renew(client, certificate, course_id):
    return submit_form(client, f"/certificates/{certificate.code}/renew", {"course": course_id}, form_page="/certificates")


def test_the_expiry_date_follows_certificate_valid_months(make_user, tiny_course):
    certificate = earn_certificate(make_user(), tiny_course)
    assert tiny_course.certificate_valid_months == 12
    assert certificate.expires_on == add_months(today(), 12)
    assert certificate.status(today()) == "valid"
    assert certificate.status(certificate.expires_on) == "valid"  # valid up to and including that day
    assert certificate.status(certificate.expires_on + timedelta(days=1)) == "expired"


def test_add_months_keeps_the_day_or_takes_the_months_last():
    from datetime import date

    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 11, 15), 24) == date(2028, 11, 15)


def test_restart_course_starts_a_new_cycle_and_keeps_history(make_user, tiny_course):
    user = make_user()
    complete_course(user, tiny_course)
    attempts = db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt))
    restart_course(user, "tiny")
    enrolment = enrolment_of(user, "tiny")
    assert enrolment.completed_at is None and enrolment.started_at is not None
    rows = db.session.scalars(db.select(ModuleProgress).where(ModuleProgress.user_id == user.id)).all()
    assert rows and all(r.passed_at is None and r.pages_done_at is None and r.furthest_page == 0 for r in rows)
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == attempts
    assert len(certificates_for(user)) == 1


def test_restarting_a_course_not_completed_changes_nothing(make_user, tiny_course):
    user = make_user()
    restart_course(user, "tiny")  # never started
    assert db.session.scalar(db.select(Enrolment)) is None


def test_an_expired_participant_retakes_the_course_and_gets_a_new_certificate(client, login, make_user, tiny_course):
    user = login(make_user())
    old = expire(earn_certificate(user, tiny_course))
    old_code, old_expiry = old.code, old.expires_on
    page = client.get("/certificates").get_data(as_text=True)
    assert "Take the course again" in page

    response = renew(client, old, "tiny")
    assert response.status_code == 302 and response.location.endswith("/courses/tiny")
    complete_course(user, tiny_course)

    old, new = certificates_for(user)
    assert new.renews_id == old.id and new.code != old_code
    assert new.expires_on == add_months(today(), 12)
    assert old.expires_on == old_expiry  # the old one is untouched …
    verified = client.get(f"/verify/{old_code}").get_data(as_text=True)
    assert "Expired" in verified  # … and still verifiable, as expired
    assert "Valid" in client.get(f"/verify/{new.code}").get_data(as_text=True)
    # The renewed certificate is superseded: no second renewal from it.
    assert "Take the course again" not in client.get("/certificates").get_data(as_text=True)


def test_renewal_opens_shortly_before_expiry_not_earlier(client, login, make_user, tiny_course):
    user = login(make_user())
    certificate = earn_certificate(user, tiny_course)  # valid for a year
    assert "Take the course again" not in client.get("/certificates").get_data(as_text=True)
    assert renew(client, certificate, "tiny").status_code == 400
    certificate.expires_on = today() + timedelta(days=30)
    db.session.commit()
    assert "Take the course again" in client.get("/certificates").get_data(as_text=True)


def test_a_revoked_certificate_can_be_earned_again(client, login, make_user, tiny_course):
    user = login(make_user())
    certificate = earn_certificate(user, tiny_course)  # not expiring
    certificate.revoked_at = utcnow()
    db.session.commit()
    assert renew(client, certificate, "tiny").status_code == 302
    complete_course(user, tiny_course)
    assert certificates_for(user)[-1].renews_id == certificate.id


def test_the_refresher_renews_the_main_courses_certificate(client, login, make_user, with_refresher):
    main, refresher = with_refresher
    user = login(make_user())
    old = expire(earn_certificate(user, main))
    page = client.get("/certificates").get_data(as_text=True)
    assert "Take the refresher: Tiny refresher" in page

    assert renew(client, old, "tiny-refresher").status_code == 302
    complete_course(user, refresher)

    old, new = certificates_for(user)
    assert new.course_id == "tiny" and new.version_id == refresher.id  # certifies the main course
    assert new.renews_id == old.id
    assert new.expires_on == add_months(today(), main.certificate_valid_months)
    verified = client.get(f"/verify/{new.code}").get_data(as_text=True)
    assert "Tiny course" in verified and "Valid" in verified
    pdf = client.get(f"/certificates/{new.code}.pdf")
    assert pdf.status_code == 200


def test_the_refresher_alone_gives_its_own_certificate(make_user, with_refresher):
    _, refresher = with_refresher
    user = make_user()
    (certificate,) = [earn_certificate(user, refresher)]
    assert certificate.course_id == "tiny-refresher" and certificate.renews_id is None


def test_renewal_is_only_through_the_offered_courses(client, login, make_user, tiny_course):
    user = login(make_user())
    certificate = expire(earn_certificate(user, tiny_course))
    assert renew(client, certificate, "some-other-course").status_code == 400
    assert enrolment_of(user, "tiny").completed_at is not None  # nothing restarted


def test_someone_elses_certificate_cannot_be_renewed(client, login, make_user, tiny_course):
    owner = make_user()
    certificate = expire(earn_certificate(owner, tiny_course))
    login(make_user())
    assert renew(client, certificate, "tiny").status_code == 404
    assert enrolment_of(owner, "tiny").completed_at is not None


def test_the_refresher_key_must_be_a_course_id(courses_dir):
    course_yml = courses_dir / "tiny" / "course.yml"
    course_yml.write_text(course_yml.read_text() + "refresher: Tiny Refresher!\n")
    problems = [str(p) for p in compile_course(courses_dir / "tiny").problems]
    assert any("course.yml:9" in p and "refresher must be the id of a course" in p for p in problems), problems

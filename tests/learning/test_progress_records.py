"""What reading pages records, and what re-reading leaves alone."""

from __future__ import annotations

from datetime import timedelta

from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress


def test_reading_back_keeps_the_furthest_page_and_rereading_writes_nothing(client, tiny_course, make_user, login):
    login(make_user())
    client.get("/courses/tiny/basics/2")
    enrolment = db.session.scalar(db.select(Enrolment))
    first_active = enrolment.last_active_at

    client.get("/courses/tiny/basics/1")
    db.session.expire_all()
    progress = db.session.scalar(db.select(ModuleProgress))
    assert progress.furthest_page == 2
    assert db.session.scalar(db.select(Enrolment)).last_active_at == first_active


def test_activity_is_recorded_again_after_a_minute(client, tiny_course, make_user, login):
    login(make_user())
    client.get("/courses/tiny/basics/1")
    enrolment, progress = db.session.scalar(db.select(Enrolment)), db.session.scalar(db.select(ModuleProgress))
    an_hour_ago = enrolment.last_active_at - timedelta(hours=1)
    enrolment.last_active_at = progress.last_seen_at = an_hour_ago  # as if the page was read an hour ago
    db.session.commit()

    client.get("/courses/tiny/basics/1")
    db.session.expire_all()
    assert db.session.scalar(db.select(Enrolment)).last_active_at > an_hour_ago


def test_the_persons_last_activity_is_the_latest_of_their_enrolments(client, tiny_course, make_user, login):
    user = login(make_user())
    client.get("/courses/tiny/basics/1")
    db.session.expire_all()
    enrolment, progress = db.session.scalar(db.select(Enrolment)), db.session.scalar(db.select(ModuleProgress))
    person = db.session.get(type(user), user.id)
    assert person.last_active_at == enrolment.last_active_at

    # An older time written later (an import of old records, say) does not move the person's back.
    latest_so_far = enrolment.last_active_at
    enrolment.last_active_at = progress.last_seen_at = latest_so_far - timedelta(days=30)
    db.session.commit()
    assert db.session.get(type(user), user.id).last_active_at == latest_so_far

    # A page read a minute or more after the latest activity moves it forward.
    person.last_active_at = latest_so_far - timedelta(days=30)
    db.session.commit()
    client.get("/courses/tiny/basics/1")
    db.session.expire_all()
    latest = db.session.scalar(db.select(Enrolment)).last_active_at
    assert latest > latest_so_far - timedelta(days=30)
    assert db.session.get(type(user), user.id).last_active_at == latest

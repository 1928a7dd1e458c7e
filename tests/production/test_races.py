"""Races under a real server: several gunicorn workers, many people at once, on the suite's database.

These run on SQLite and, with TEST_DATABASE_URL, on PostgreSQL (.ci/run does both).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from signaal import create_app
from signaal.accounts.registry import create_user
from signaal.certificates.models import Certificate
from signaal.courses.publishing import publish_course
from signaal.database import upgrade_database
from signaal.extensions import db
from signaal.learning.models import Enrolment
from signaal.quizzes.models import QuizAttempt

from databases import database_url_for, shared_database_url, wipe_schema
from quiz_answers import form_fields, module_row, right_answers
from served import Browser, gunicorn
from web_forms import PASSWORD

DATA = Path(__file__).parents[1] / "data"


class Instance:
    """A served Signaal with the tiny course and some participants, on the suite's database."""

    def __init__(self, tmp_path: Path, font_cache: Path, people: int) -> None:
        self.url = database_url_for(tmp_path)
        if shared_database_url():
            wipe_schema(self.url)
        self.overrides = {
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SQLALCHEMY_DATABASE_URI": self.url,
            "SECRET_KEY": "race-test",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            # Many sign-ins from one address; the limiter itself stays on (it is shared by every app in a process).
            "SIGNAAL_LOGIN_LIMIT": "1000 per minute",
        }
        self.env = {**os.environ, "SIGNAAL_COURSES_PATH": str(DATA / "courses"), "SIGNAAL_FONT_CACHE": str(font_cache)}
        self.log = tmp_path / "gunicorn.log"
        self.app = create_app({**self.overrides, "COURSES_PATH": DATA / "courses", "FONT_CACHE_PATH": font_cache})
        with self.app.app_context():
            upgrade_database()
            self.version = publish_course(DATA / "courses" / "tiny").version
            self.people = [create_user(f"racer{n}", PASSWORD).id for n in range(people)]
            self.answers = {
                m.module_id: right_answers(module_row(self.version, m.module_id))
                for m in self.version.modules_in(self.version.language)
            }
            db.session.commit()
            db.session.remove()

    def serve(self, workers: int):
        return gunicorn(self.overrides, workers=workers, env=self.env, log=self.log)

    def close(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
        if shared_database_url():
            wipe_schema(self.url)


def signed_in(base_url: str, number: int) -> Browser:
    browser = Browser(base_url)
    status, _ = browser.submit("/account/login", {"username": f"racer{number}", "password": PASSWORD})
    assert status == 302
    return browser


def run_together(jobs) -> None:
    """Start every job at the same moment and wait for all of them."""
    start = threading.Barrier(len(jobs))
    threads = [threading.Thread(target=lambda job=job: (start.wait(), job())) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "requests hung"


def test_the_last_two_quizzes_from_two_tabs_at_once_give_one_certificate(tmp_path, font_cache):
    instance = Instance(tmp_path, font_cache, people=50)
    try:
        with instance.serve(workers=4) as base_url:
            browsers = [signed_in(base_url, n) for n in range(len(instance.people))]
            jobs = []
            for browser in browsers:
                for module_id, answers in instance.answers.items():
                    _, form = browser.request(f"/courses/tiny/{module_id}/quiz")  # each quiz open in its own tab
                    jobs.append(lambda b=browser, m=module_id, f=form, a=answers: b.request(
                        f"/courses/tiny/{m}/quiz", {**form_fields(f, a), "csrf_token": Browser.CSRF.search(f).group(1)}
                    ))
            run_together(jobs)
        failed = [(what, status) for b in browsers for what, status in b.statuses if status not in (200, 302)]
        assert failed == []
        assert "Traceback" not in instance.log.read_text()
        with instance.app.app_context():
            for user_id in instance.people:
                certificates = db.session.scalars(db.select(Certificate).filter_by(user_id=user_id)).all()
                assert len(certificates) == 1, f"user {user_id} has {len(certificates)} certificates"
                enrolment = db.session.scalar(db.select(Enrolment).filter_by(user_id=user_id))
                assert enrolment.completed_at is not None
                attempts = db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt).filter_by(user_id=user_id))
                assert attempts == len(instance.answers)
    finally:
        instance.close()


@contextlib.contextmanager
def sqlite_write_lock(database_file: str):
    """Another process's long write transaction (one that does not queue on the writer lock file)."""
    writer = sqlite3.connect(database_file, isolation_level=None, timeout=30)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE users SET display_name = display_name")
    try:
        yield
    finally:
        writer.execute("COMMIT")
        writer.close()


@contextlib.contextmanager
def writer_queue_turn(database_file: str):
    """Another worker's turn in the writers' queue (signaal/database.py), held for a while."""
    with open(f"{database_file}-writer.lock", "a+") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield


@pytest.mark.skipif(
    shared_database_url() is not None, reason="about SQLite's single writer: runs in the suite's SQLite pass"
)
@pytest.mark.parametrize("hold_the_write", [sqlite_write_lock, writer_queue_turn])
def test_on_sqlite_reads_go_on_while_a_write_waits_and_64_submissions_all_land(tmp_path, font_cache, hold_the_write):
    instance = Instance(tmp_path, font_cache, people=64)
    database_file = instance.url.removeprefix("sqlite:///")
    try:
        with instance.serve(workers=4) as base_url:
            browsers = [signed_in(base_url, n) for n in range(len(instance.people))]
            forms = [b.request("/courses/tiny/basics/quiz")[1] for b in browsers]
            for browser in browsers:
                browser.request("/courses/tiny/basics/1")  # read once: re-reading it writes nothing

            # Another process holds the write lock, as a long write transaction would.
            with hold_the_write(database_file):
                # Reading goes on: the catalogue and a lesson page that was read before.
                assert browsers[0].request("/")[0] == 200
                assert browsers[1].request("/courses/tiny/basics/1")[0] == 200
                assert browsers[2].request("/courses/tiny")[0] == 200
                # Writing waits for the lock instead of failing.
                queued = threading.Thread(target=lambda: browsers[3].request(
                    "/courses/tiny/basics/quiz",
                    {**form_fields(forms[3], instance.answers["basics"]), "csrf_token": Browser.CSRF.search(forms[3]).group(1)},
                ))
                queued.start()
                queued.join(timeout=1)
                assert queued.is_alive(), "the submission did not wait for the write lock"
            queued.join(timeout=60)
            assert browsers[3].statuses[-1][1] == 302

            # Then all 64 submit at the same moment (the one above already did).
            jobs = [
                lambda b=b, f=f: b.request(
                    "/courses/tiny/basics/quiz",
                    {**form_fields(f, instance.answers["basics"]), "csrf_token": Browser.CSRF.search(f).group(1)},
                )
                for n, (b, f) in enumerate(zip(browsers, forms)) if n != 3
            ]
            run_together(jobs)
        failed = [(what, status) for b in browsers for what, status in b.statuses if status not in (200, 302)]
        assert failed == []
        server_log = instance.log.read_text()
        assert "database is locked" not in server_log and "Traceback" not in server_log, server_log[-3000:]
        with instance.app.app_context():
            assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 64
    finally:
        instance.close()

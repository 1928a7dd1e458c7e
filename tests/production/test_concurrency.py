"""Several gunicorn workers on one SQLite file: concurrent quiz submissions and page views all succeed.

This is how a pilot runs (docs/deployment.md). Without WAL, a busy timeout and
BEGIN IMMEDIATE (signaal/database.py) some requests here fail with
"database is locked" and their progress is lost.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

from signaal import create_app
from signaal.accounts.registry import create_user
from signaal.courses.publishing import publish_course
from signaal.database import upgrade_database
from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.quizzes.models import QuizAttempt

from quiz_answers import module_row, right_answers
from served import Browser, gunicorn
from web_forms import PASSWORD

DATA = Path(__file__).parents[1] / "data"
PEOPLE = 8
ROUNDS = 3  # each person reads the whole course and takes every quiz this often
WORKERS = 3


def test_concurrent_participants_lose_no_progress(tmp_path, font_cache):
    overrides = {
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'pilot.db'}",
        "SECRET_KEY": "concurrency-test",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    }
    env = {**os.environ, "SIGNAAL_COURSES_PATH": str(DATA / "courses"), "SIGNAAL_FONT_CACHE": str(font_cache)}
    app = create_app({**overrides, "COURSES_PATH": DATA / "courses", "FONT_CACHE_PATH": font_cache})
    with app.app_context():
        upgrade_database()
        version = publish_course(DATA / "courses" / "tiny").version
        people = [create_user(f"worker{n}", PASSWORD).id for n in range(PEOPLE)]
        db.session.commit()
        modules = [(m.module_id, m.page_count, right_answers(module_row(version, m.module_id)) if m.quiz else None)
                   for m in version.modules_in(version.language)]
        db.session.remove()

    log = tmp_path / "gunicorn.log"
    browsers: list[Browser] = []
    with gunicorn(overrides, workers=WORKERS, env=env, log=log) as url:

        def participate(number: int) -> None:
            browser = Browser(url)
            browsers.append(browser)
            browser.submit("/account/login", {"username": f"worker{number}", "password": PASSWORD})
            for _ in range(ROUNDS):
                browser.request("/")
                for module_id, pages, answers in modules:
                    for page in range(1, pages + 1):
                        browser.request(f"/courses/tiny/{module_id}/{page}")
                    if answers:
                        _, quiz = browser.request(f"/courses/tiny/{module_id}/quiz")
                        token = re.search(r'name="form_token" value="([^"]+)"', quiz).group(1)
                        browser.submit(f"/courses/tiny/{module_id}/quiz", {"form_token": token, **answers},
                                       form_page=f"/courses/tiny/{module_id}/quiz")

        threads = [threading.Thread(target=participate, args=(n,)) for n in range(PEOPLE)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert not any(thread.is_alive() for thread in threads), "requests hung"

    failed = [(what, status) for browser in browsers for what, status in browser.statuses if status not in (200, 302)]
    assert failed == []
    server_log = log.read_text()
    assert "database is locked" not in server_log and "Traceback" not in server_log, server_log[-3000:]

    quizzes = [module_id for module_id, _, answers in modules if answers]
    with app.app_context():
        for user_id in people:
            attempts = db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt).filter_by(user_id=user_id))
            assert attempts == ROUNDS * len(quizzes)
            enrolment = db.session.scalar(db.select(Enrolment).filter_by(user_id=user_id, course_id="tiny"))
            assert enrolment.completed_at is not None
            progress = db.session.scalars(db.select(ModuleProgress).filter_by(user_id=user_id)).all()
            assert {p.module_id for p in progress if p.pages_done_at} == {m for m, _, _ in modules}
            assert {p.module_id for p in progress if p.passed_at} == set(quizzes)
        db.session.remove()
        db.engine.dispose()

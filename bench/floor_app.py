"""The fixed stack at its plainest: what a signed-in page and a small write cost before Signaal adds anything.

bench/throughput.py serves this next to the "hello" app and Signaal, under the
same gunicorn, so that the run shows how far the targets are from what Flask,
Flask-Login, Flask-SQLAlchemy and Jinja cost on their own:

- `GET /page`: a signed-in request (session cookie, Flask-Login loading the user
  by id), two more ORM queries and a Jinja page that extends a layout, with a
  few `url_for` calls: the least a lesson page can be (Signaal's also has CSRF,
  Babel, security headers, rate limits and a longer page).
- `POST /write`: a signed-in ORM transaction of the shape of a quiz submission:
  the person's row locked, an attempt and its five answers inserted, a progress
  row updated, one commit (Signaal's also grades, checks the form and keeps
  the statistics).

The database is FLOOR_DATABASE_URL (SQLite in WAL mode like Signaal's, or
PostgreSQL); `python bench/floor_app.py URL` creates its tables and one person.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime

from flask import Flask, abort, has_request_context, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user
from flask_sqlalchemy import SQLAlchemy
from jinja2 import DictLoader
from sqlalchemy import ForeignKey, String, event, select
from sqlalchemy.orm import Mapped, mapped_column

db = SQLAlchemy()
login_manager = LoginManager()

LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
<link rel="stylesheet" href="{{ url_for('static', filename='site.css') }}"></head><body>
<header><a href="{{ url_for('page') }}">Home</a> <span>{{ current_user.name }}</span></header>
<main>{% block content %}{% endblock %}</main>
<footer><a href="{{ url_for('page') }}">Privacy</a> <a href="{{ url_for('page') }}">About</a></footer></body></html>"""
PAGE = """{% extends "layout.html" %}{% block title %}{{ course.title }}{% endblock %}{% block content %}
<h1>{{ course.title }}</h1><p>Page {{ progress.page }} of 5</p>{{ course.body|safe }}
<nav><a href="{{ url_for('page') }}">Previous</a> <a href="{{ url_for('page') }}">Next</a></nav>{% endblock %}"""


class Person(UserMixin, db.Model):
    __tablename__ = "floor_people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))


class Course(db.Model):
    __tablename__ = "floor_courses"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str]


class Progress(db.Model):
    __tablename__ = "floor_progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("floor_people.id"), index=True)
    page: Mapped[int]
    attempts: Mapped[int]


class Attempt(db.Model):
    __tablename__ = "floor_attempts"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("floor_people.id"), index=True)
    submitted_at: Mapped[datetime]


class Answer(db.Model):
    __tablename__ = "floor_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("floor_attempts.id"), index=True)
    question: Mapped[str] = mapped_column(String(64))
    correct: Mapped[bool]


def create(database_url: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="floor", SQLALCHEMY_DATABASE_URI=database_url or os.environ["FLOOR_DATABASE_URL"],
    )
    app.jinja_loader = DictLoader({"layout.html": LAYOUT, "page.html": PAGE})  # compiled once, like template files
    db.init_app(app)
    login_manager.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_like_signaal)
            event.listen(db.engine, "begin", _sqlite_begin)

    @app.get("/")
    def answering():  # what the benchmark's server start waits for
        return "floor"

    @app.get("/page")
    @login_required
    def page():
        course = db.session.get(Course, 1)
        progress = db.session.scalar(select(Progress).filter_by(person_id=current_user.id))
        return render_template("page.html", course=course, progress=progress)

    @app.post("/write")
    @login_required
    def write():
        db.session.execute(select(Person).filter_by(id=current_user.id).with_for_update())
        progress = db.session.scalar(select(Progress).filter_by(person_id=current_user.id))
        attempt = Attempt(person_id=current_user.id, submitted_at=datetime.now())
        db.session.add(attempt)
        db.session.flush()
        db.session.add_all(Answer(attempt_id=attempt.id, question=f"q{n}", correct=n % 2 == 0) for n in range(5))
        progress.attempts += 1
        db.session.commit()
        return "", 302, {"Location": url_for("page")}

    @app.get("/sign-in/<int:person_id>")
    def sign_in(person_id: int):
        person = db.session.get(Person, person_id) or abort(404)
        login_user(person)
        return "signed in"

    return app


@login_manager.user_loader
def _load(person_id: str):
    return db.session.get(Person, int(person_id))


def _sqlite_like_signaal(connection, _record) -> None:
    connection.isolation_level = None  # transactions begin in _sqlite_begin
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA busy_timeout=15000")


def _sqlite_begin(connection) -> None:
    # As Signaal does: a write takes the write lock at its start, so two writers queue instead of failing.
    writing = has_request_context() and request.method == "POST"
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def prepare(database_url: str) -> None:
    """Fresh tables with one person, one course page and their progress."""
    app = create(database_url)
    with app.app_context():
        db.drop_all()
        db.create_all()
        db.session.add_all([
            Person(id=1, name="Bench"), Course(id=1, title="A lesson", body="<p>" + "Text. " * 300 + "</p>"),
            Progress(person_id=1, page=1, attempts=0),
        ])
        db.session.commit()
        db.engine.dispose()


def drop(database_url: str) -> None:
    app = create(database_url)
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


if __name__ == "__main__":
    prepare(sys.argv[1])

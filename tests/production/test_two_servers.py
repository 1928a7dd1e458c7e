"""Two app servers behind one load balancer, sharing one PostgreSQL and one Redis (docs/deployment.md).

Each server is a gunicorn with its own instance/ folder, its own copy of
courses/ and its own font cache, as separate machines have; only the
database, Redis and the settings are shared. The test stands in for the load
balancer: it sends each request to the server it chooses, with the
X-Forwarded-For header a balancer adds (SIGNAAL_PROXY_HOPS=1). Nothing may
depend on which server answers.

Needs TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL (e.g.
redis://127.0.0.1:6379/2); .ci/run sets both where the services run.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import jwt
import pytest

from signaal import create_app
from signaal.accounts.models import User
from signaal.accounts.registry import create_user
from signaal.certificates.models import Certificate
from signaal.courses.catalogue import live_version
from signaal.courses.publishing import publish_course
from signaal.database import upgrade_database
from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.quizzes.models import QuizAttempt

from databases import shared_database_url, wipe_schema
from quiz_answers import form_fields, module_row, right_answers
from served import Browser, gunicorn
from web_forms import PASSWORD

DATA = Path(__file__).parents[1] / "data"
SECRET = "two-servers-shared-secret"
LOGIN_LIMIT = 4  # failed sign-ins per client address and minute, across both servers


def _redis_url() -> str | None:
    url = os.environ.get("TEST_REDIS_URL", "").strip()
    if not url:
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return None
    return url


REDIS_URL = _redis_url()
DATABASE_URL = shared_database_url()
DATABASE_IS_POSTGRESQL = bool(DATABASE_URL and DATABASE_URL.startswith("postgresql"))

pytestmark = pytest.mark.skipif(
    not (DATABASE_IS_POSTGRESQL and REDIS_URL),
    reason="two app servers need a shared PostgreSQL (TEST_DATABASE_URL) and Redis (TEST_REDIS_URL, answering); "
    ".ci/run sets both when the services run",
)


# Two servers, one database, one Redis


@dataclass
class Servers:
    a: str
    b: str
    control: object  # an app in this process, on the same database: setting up and checking
    stop_a: object
    logs: dict

    @property
    def both(self) -> tuple[str, str]:
        return (self.a, self.b)


@pytest.fixture(scope="module")
def servers(tmp_path_factory, font_cache):
    root = tmp_path_factory.mktemp("two-servers")
    wipe_schema(DATABASE_URL)
    control = create_app({
        "INSTANCE_PATH": str(root / "control" / "instance"),
        "SQLALCHEMY_DATABASE_URI": DATABASE_URL,
        "SECRET_KEY": SECRET,
        # The trainer's own folder: publishing reads it; the servers never do.
        "COURSES_PATH": _copy_courses(root / "trainer"),
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        "FONT_CACHE_PATH": font_cache,
    })
    with control.app_context():
        upgrade_database()
        assert not publish_course(control.config["COURSES_PATH"] / "tiny").failed
        db.session.commit()

    # Fresh counters in the shared Redis for every run.
    overrides = {"PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "RATELIMIT_KEY_PREFIX": f"two-servers-{uuid.uuid4().hex}"}
    logs, urls, stacks = {}, {}, {}
    for name in ("a", "b"):
        machine = root / name
        env = {
            **os.environ,
            "DATABASE_URL": DATABASE_URL,
            "SECRET_KEY": SECRET,
            "RATELIMIT_STORAGE_URI": REDIS_URL,
            "SIGNAAL_PROXY_HOPS": "1",
            "SIGNAAL_LOGIN_LIMIT": f"{LOGIN_LIMIT} per minute",
            "SIGNAAL_INSTANCE_PATH": str(machine / "instance"),
            "SIGNAAL_COURSES_PATH": str(_copy_courses(machine)),
            # A has its fonts cut (it ran `flask setup`); B is a fresh machine whose fonts are not.
            "SIGNAAL_FONT_CACHE": str(font_cache if name == "a" else machine / "fonts"),
        }
        logs[name] = machine / "gunicorn.log"
        stacks[name] = contextlib.ExitStack()
        urls[name] = stacks[name].enter_context(gunicorn(overrides, workers=2, env=env, log=logs[name]))
    try:
        yield Servers(a=urls["a"], b=urls["b"], control=control, stop_a=stacks["a"].close, logs=logs)
    finally:
        for stack in stacks.values():
            stack.close()
        with control.app_context():
            db.session.remove()
            db.engine.dispose()
        wipe_schema(DATABASE_URL)


def _copy_courses(machine: Path) -> Path:
    target = machine / "courses"
    shutil.copytree(DATA / "courses", target)
    return target


_addresses = itertools.count(10)


class Person(Browser):
    """One participant's browser behind the load balancer: one cookie jar, whichever server answers."""

    def __init__(self, servers: Servers, username: str):
        super().__init__(servers.a)
        self.servers = servers
        self.username = username
        # The balancer tells the servers who the client is; every person gets their own address.
        self.address = f"198.51.100.{next(_addresses)}"
        self.opener.addheaders = [("X-Forwarded-For", self.address)]

    @property
    def jar(self):
        return next(h.cookiejar for h in self.opener.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))

    def on(self, url: str) -> "Person":
        self.base_url = url
        return self

    def sign_in(self) -> int:
        status, _ = self.submit("/account/login", {"username": self.username, "password": PASSWORD})
        return status

    def is_signed_in(self) -> bool:
        status, _ = self.request("/certificates")  # for signed-in people only
        return status == 200


def new_person(servers: Servers) -> Person:
    username = f"p-{uuid.uuid4().hex[:10]}"
    with servers.control.app_context():
        create_user(username, PASSWORD)
        db.session.commit()
    return Person(servers, username)


@dataclass(frozen=True)
class Module:
    module_id: str
    pages: int
    answers: dict | None


def course_modules(servers: Servers) -> list[Module]:
    with servers.control.app_context():
        version = live_version("tiny")
        modules = [
            Module(m.module_id, m.page_count, right_answers(module_row(version, m.module_id)) if m.quiz else None)
            for m in version.modules_in(version.language)
        ]
        db.session.remove()
    return modules


def read_module(person: Person, module: Module, servers_in_turn) -> None:
    for page in range(1, module.pages + 1):
        status, _ = person.on(next(servers_in_turn)).request(f"/courses/tiny/{module.module_id}/{page}")
        assert status == 200


def quiz_form(person: Person, module: Module, server: str) -> dict:
    status, page = person.on(server).request(f"/courses/tiny/{module.module_id}/quiz")
    assert status == 200
    return {"csrf_token": Browser.CSRF.search(page).group(1), **form_fields(page, module.answers)}


def pass_quiz(person: Person, module: Module, *, form_from: str, send_to: str) -> int:
    form = quiz_form(person, module, form_from)
    status, _ = person.on(send_to).request(f"/courses/tiny/{module.module_id}/quiz", form)
    return status


def records_of(servers: Servers, person: Person) -> dict:
    with servers.control.app_context():
        user_id = db.session.scalar(db.select(User.id).filter_by(username=person.username))
        enrolments = db.session.scalars(db.select(Enrolment).filter_by(user_id=user_id)).all()
        records = {
            "completed": [e.completed_at is not None for e in enrolments],
            "certificates": db.session.scalars(db.select(Certificate.code).filter_by(user_id=user_id)).all(),
            "attempts": db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt).filter_by(user_id=user_id)),
            "modules_read": {p.module_id for p in db.session.scalars(db.select(ModuleProgress).filter_by(user_id=user_id)) if p.pages_done_at},
            "modules_passed": {p.module_id for p in db.session.scalars(db.select(ModuleProgress).filter_by(user_id=user_id)) if p.passed_at},
        }
        db.session.remove()
    return records


def complete_alternating(servers: Servers, person: Person) -> None:
    """Read every page and pass every quiz, each request to the other server than the one before."""
    turns = itertools.cycle(servers.both)
    for module in course_modules(servers):
        read_module(person, module, turns)
        if module.answers:
            assert pass_quiz(person, module, form_from=next(turns), send_to=next(turns)) == 302


# The checks


def test_signed_in_on_a_is_signed_in_on_b(servers):
    person = new_person(servers)
    assert person.on(servers.a).sign_in() == 302
    assert person.on(servers.b).is_signed_in()
    _, page = person.on(servers.b).request("/")
    assert ">Sign out</button>" in page and ">Sign in</a>" not in page


def test_quizzes_alternated_between_servers_complete_once_with_one_certificate(servers):
    person = new_person(servers)
    person.on(servers.a).sign_in()
    complete_alternating(servers, person)
    complete_alternating(servers, person)  # taking it all again changes nothing

    records = records_of(servers, person)
    assert records["completed"] == [True]
    assert len(records["certificates"]) == 1
    # B's fonts were never cut: its first certificate PDF still comes at once (bench/certificate_pdf.py times it).
    status, pdf = person.on(servers.b).download(f"/certificates/{records['certificates'][0]}.pdf")
    assert status == 200 and pdf.startswith(b"%PDF")


def test_the_last_two_quizzes_at_the_same_moment_on_both_servers_give_one_certificate(servers):
    modules = [m for m in course_modules(servers) if m.answers]
    assert len(modules) == 2
    people = [new_person(servers) for _ in range(3)]
    statuses = []
    for person in people:
        person.on(servers.a).sign_in()
        turns = itertools.cycle(servers.both)
        for module in course_modules(servers):
            read_module(person, module, turns)
        forms = [quiz_form(person, module, server) for module, server in zip(modules, servers.both)]
        start = threading.Barrier(2)

        def send(module, form, server, person=person, start=start):
            twin = Person(servers, person.username)  # the same cookies, another connection
            twin.opener = person.opener
            start.wait()
            statuses.append(twin.on(server).request(f"/courses/tiny/{module.module_id}/quiz", form)[0])

        threads = [threading.Thread(target=send, args=args) for args in zip(modules, forms, servers.both)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert statuses == [302] * 2 * len(people)
    for person in people:
        records = records_of(servers, person)
        assert records["completed"] == [True]
        assert len(records["certificates"]) == 1, records["certificates"]


def test_a_credential_from_one_server_verifies_with_the_others_key_set_across_a_rotation(servers):
    person = new_person(servers)
    person.on(servers.a).sign_in()
    complete_alternating(servers, person)
    (code,) = records_of(servers, person)["certificates"]

    before = download_credential(person, servers.a, code)
    verify(before, key_set(servers.b))

    with servers.control.app_context():  # an operator, on one machine
        result = servers.control.test_cli_runner().invoke(args=["credentials", "rotate-key"])
    assert result.exit_code == 0, result.output

    after = download_credential(person, servers.b, code)
    assert jwt.get_unverified_header(after)["kid"] != jwt.get_unverified_header(before)["kid"]
    for server in servers.both:
        verify(before, key_set(server))
        verify(after, key_set(server))


def download_credential(person: Person, server: str, code: str) -> str:
    status, token = person.on(server).request(f"/certificates/{code}.jwt")
    assert status == 200
    return token.strip()


def key_set(server: str) -> dict:
    status, body = Browser(server).request("/.well-known/jwks.json")
    assert status == 200
    return json.loads(body)


def verify(token: str, keys: dict) -> dict:
    kid = jwt.get_unverified_header(token)["kid"]
    (key,) = [k for k in keys["keys"] if k["kid"] == kid]
    return jwt.decode(token, jwt.PyJWK(key).key, algorithms=["EdDSA"])


def test_failed_sign_ins_alternated_between_servers_count_against_one_limit(servers):
    person = new_person(servers)
    turns = itertools.cycle(servers.both)

    def fail_once():
        status, _ = person.on(next(turns)).submit("/account/login", {"username": person.username, "password": "wrong-wrong"})
        return status

    assert [fail_once() for _ in range(LOGIN_LIMIT)] == [400] * LOGIN_LIMIT
    assert [fail_once(), fail_once()] == [429, 429]  # on both servers
    # Per client address: another participant behind the same balancer signs in as usual.
    other = new_person(servers)
    assert other.on(servers.b).sign_in() == 302


def test_a_publish_is_served_by_both_servers_without_a_restart(servers):
    person = new_person(servers)
    person.on(servers.a).sign_in()
    first = course_modules(servers)[0]
    source = servers.control.config["COURSES_PATH"] / "tiny"
    page_file = next(source.glob("01-*.md"))
    page_file.write_text(page_file.read_text().replace("Welcome to the **basics**.", "Welcome to the **second edition**."))

    with servers.control.app_context():  # `flask courses publish`, once, where the trainer's folder is
        result = servers.control.test_cli_runner().invoke(args=["courses", "publish"])
    assert result.exit_code == 0 and "published version 2" in result.output, result.output

    for server in servers.both:
        assert "second edition" in eventually_on(person, server, f"/courses/tiny/{first.module_id}/1", "second edition")


def eventually_on(person: Person, server: str, path: str, text: str, seconds: float = 5) -> str:
    """The page once it contains the text (a worker notices a new version at its next request)."""
    deadline = time.monotonic() + seconds
    while True:
        status, page = person.on(server).request(path)
        if (status == 200 and text in page) or time.monotonic() > deadline:
            return page
        time.sleep(0.1)


def test_signing_out_on_a_ends_the_session_on_b(servers):
    person = new_person(servers)
    person.on(servers.a).sign_in()
    copied = Person(servers, person.username)  # someone who copied the session cookie
    for cookie in person.jar:
        copied.jar.set_cookie(cookie)
    assert copied.on(servers.b).is_signed_in()

    status, page = person.on(servers.a).request("/")
    assert person.on(servers.a).request("/account/logout", {"csrf_token": Browser.CSRF.search(page).group(1)})[0] == 302

    assert not person.on(servers.b).is_signed_in()
    assert not copied.on(servers.b).is_signed_in()


def test_stopping_a_mid_course_loses_nothing_on_b(servers):
    """Last: it stops server A for good."""
    person = new_person(servers)
    first, second = course_modules(servers)
    person.on(servers.a).sign_in()
    read_module(person, first, itertools.repeat(servers.a))
    assert pass_quiz(person, first, form_from=servers.a, send_to=servers.a) == 302

    servers.stop_a()

    assert person.on(servers.b).is_signed_in()
    read_module(person, second, itertools.repeat(servers.b))
    assert pass_quiz(person, second, form_from=servers.b, send_to=servers.b) == 302
    records = records_of(servers, person)
    assert records["modules_read"] == records["modules_passed"] == {first.module_id, second.module_id}
    assert records["attempts"] == 2 and records["completed"] == [True] and len(records["certificates"]) == 1
    assert "Traceback" not in servers.logs["b"].read_text()

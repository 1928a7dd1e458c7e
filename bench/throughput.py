"""Throughput and latency of a lesson page and a quiz submission, against a minimal Flask app.

Both apps are served the same way (gunicorn, 2 sync workers, 127.0.0.1) and
loaded with wrk in the same run, on SQLite and, when DATABASE_URL names a
PostgreSQL database (emptied first!), on PostgreSQL too. Targets: the lesson
page at 0.4x hello or more, the quiz submission at 0.2x with p99 < 250 ms.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/throughput.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from served import PASSWORD, ROOT, LiveInstance, machine_load, print_table, serve

from databases import wipe_schema  # noqa: E402 (tests/ is on the path through served)
from signaal.config import database_url_with_driver  # noqa: E402

COURSE = "your-rights-at-work"
WORKERS = 2

# Every quiz form carries a signed sheet with a one-time token (quizzes/sheets.py). The benchmark
# signs enough of them beforehand, so wrk sends each submission with a form of its own: each
# one is graded and stored. (Past the last one, forms are sent again: a resubmission.)
SHEETS = 20_000
QUIZ_SCRIPT = """
local threads = 0
function setup(thread) threads = threads + 1; thread:set("thread_id", threads) end
local n = 0
request = function()
  n = n + 1
  local token = TOKENS[((n * 2 + thread_id) % #TOKENS) + 1]
  return wrk.format("POST", PATH, HEADERS, BODY .. "&form_token=" .. token)
end
"""


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=int, default=10, help="load time per endpoint")
    options.add_argument("--connections", type=int, default=8)
    args = options.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing — install it with `apt-get install wrk`")

    databases = [("SQLite", None)]
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql")):
        databases.append(("PostgreSQL", database_url_with_driver(os.environ["DATABASE_URL"])))
    rows = []
    for name, url in databases:
        rows += measure(name, url, args)
    print(f"gunicorn {WORKERS} sync workers, wrk {args.connections} connections, {args.seconds} s each, 127.0.0.1; "
          f"{machine_load()} at the end\n")
    print_table(["database", "endpoint", "requests/s", "latency avg", "latency p99", "errors", "vs hello"], rows)


def measure(name: str, database_url: str | None, args) -> list[list[str]]:
    """hello, a lesson page and a quiz submission, one after the other, on one database."""
    with tempfile.TemporaryDirectory(prefix="signaal-bench-") as folder:
        if database_url:
            wipe_schema(database_url)
        instance = LiveInstance(Path(folder), Path(folder) / "fonts", database_url=database_url).prepare()
        module = first_module(instance)
        with instance.serving(workers=WORKERS) as url:
            session = Participant(url)
            lesson = f"{url}/courses/{COURSE}/{module.module_id}/1"
            quiz = f"{url}/courses/{COURSE}/{module.module_id}/quiz"
            for number in range(1, module.page_count + 1):  # read, as the quiz opens after the pages
                session.open(f"{url}/courses/{COURSE}/{module.module_id}/{number}")
            form = session.quiz_form(quiz, module)
            tokens = signed_forms(instance, module, SHEETS)
            with serve("hello_app:app", workers=WORKERS, env=dict(os.environ), log=Path(folder) / "hello.log",
                       chdir=ROOT / "bench") as hello_url:
                hello = wrk(hello_url + "/", args, Path(folder))
            rows = [[name, "hello (minimal Flask)", *hello.cells(hello)]]
            rows += floor(database_url or f"sqlite:///{Path(folder) / 'floor.db'}", args, Path(folder), hello)
            page = wrk(lesson, args, Path(folder), cookie=session.cookie)
            rows.append([name, "lesson page", *page.cells(hello)])
            submit = wrk(quiz, args, Path(folder), cookie=session.cookie, form=form, tokens=tokens)
            rows.append([name, "quiz submit (graded, stored)", *submit.cells(hello)])
        instance.app.extensions.clear()
        if database_url:
            with instance.app.app_context():
                from signaal.extensions import db

                db.engine.dispose()
            wipe_schema(database_url)
    return rows


def floor(database_url: str, args, folder: Path, hello: "Load") -> list[list[str]]:
    """The same two requests at their plainest (bench/floor_app.py): what the stack costs before Signaal."""
    from floor_app import prepare

    prepare(database_url)
    env = {**os.environ, "FLOOR_DATABASE_URL": database_url}
    with serve("floor_app:create()", workers=WORKERS, env=env, log=folder / "floor.log", chdir=ROOT / "bench") as url:
        jar = http.cookiejar.CookieJar()
        urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)).open(f"{url}/sign-in/1").read()
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        page = wrk(f"{url}/page", args, folder, cookie=cookie)
        write = wrk(f"{url}/write", args, folder, cookie=cookie, method="POST")
    return [
        ["", "floor: signed-in Jinja page, 3 ORM queries", *page.cells(hello)],
        ["", "floor: signed-in ORM write, 7 statements", *write.cells(hello)],
    ]


def signed_forms(instance: LiveInstance, module, count: int) -> list[str]:
    """Form tokens of `count` quiz forms asking every question, options in course order."""
    from signaal.quizzes.sheets import QuizSheet

    questions = tuple((q.id, tuple(range(len(q.options)))) for q in module.quiz.questions)
    with instance.app.app_context():
        return [
            QuizSheet(module.version.id, module.language, module.module_id, secrets.token_urlsafe(18), questions).signed()
            for _ in range(count)
        ]


def first_module(instance: LiveInstance):
    from signaal.courses.catalogue import live_version_or_404

    with instance.app.app_context():
        version = live_version_or_404(COURSE)
        return version.modules_in(version.language)[0]


class Participant:
    """A registered participant's signed-in session, to replay with wrk."""

    def __init__(self, url: str):
        self.jar = http.cookiejar.CookieJar()
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        name = f"bench-{secrets.token_hex(3)}"
        fields = {"username": name, "password": PASSWORD, "confirm": PASSWORD, "email": ""}
        self.post(f"{url}/account/register", fields, self.csrf(f"{url}/account/register"))

    def csrf(self, url: str) -> str:
        with self.http.open(url) as response:
            return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.read().decode()).group(1)

    def post(self, url: str, fields: dict, token: str) -> str:
        data = urllib.parse.urlencode({**fields, "csrf_token": token}, doseq=True).encode()
        with self.http.open(url, data) as response:
            return response.geturl()

    def open(self, url: str) -> str:
        with self.http.open(url) as response:
            return response.read().decode()

    def quiz_form(self, quiz_url: str, module) -> str:
        """The quiz's right answers as a form body (options in course order); checks that one is accepted."""
        from quiz_answers import form_fields, right_answers

        page = self.open(quiz_url)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        landed = self.post(quiz_url, form_fields(page, right_answers(module)), token)
        assert "/attempts/" in landed, f"the quiz submission was not accepted: {landed}"
        return urllib.parse.urlencode({**right_answers(module), "csrf_token": token}, doseq=True)

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class Load:
    def __init__(self, output: str):
        self.output = output
        self.rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        self.average = _ms(re.search(r"Latency\s+([\d.]+\w+)", output).group(1))
        self.p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        socket_errors = re.search(r"Socket errors: (.*)", output)
        self.errors = (int(errors.group(1)) if errors else 0, socket_errors.group(1) if socket_errors else "")

    def cells(self, hello: "Load") -> list[str]:
        failed, socket = self.errors
        return [f"{self.rate:,.0f}", f"{self.average:.1f} ms", f"{self.p99:.1f} ms",
                f"{failed}" + (f" ({socket})" if socket else ""), f"{self.rate / hello.rate:.2f}"]


def wrk(url: str, args, folder: Path, cookie: str = "", form: str = "", tokens: list[str] = (), method: str = "GET") -> Load:
    command = ["wrk", "--threads", "2", "--connections", str(args.connections),
               "--duration", f"{args.seconds}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    if form:
        script = folder / "quiz.lua"
        path = urllib.parse.urlsplit(url).path
        constants = (f"BODY = {_lua(form)}\nTOKENS = {{{','.join(_lua(t) for t in tokens)}}}\nPATH = {_lua(path)}\n"
                     f"HEADERS = {{['Content-Type'] = 'application/x-www-form-urlencoded', ['Cookie'] = {_lua(cookie)}}}\n")
        script.write_text(constants + QUIZ_SCRIPT)
        command += ["--script", str(script)]
    elif method != "GET":
        script = folder / "method.lua"
        script.write_text(f"wrk.method = {_lua(method)}\n")
        command += ["--script", str(script)]
    done = subprocess.run(command + [url], capture_output=True, text=True, timeout=args.seconds + 60, check=True)
    return Load(done.stdout)


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


if __name__ == "__main__":
    main()

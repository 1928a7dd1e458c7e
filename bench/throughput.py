"""Throughput and latency of a lesson page and a quiz submission, against a minimal Flask app.

Both apps are served the same way (gunicorn, 2 sync workers, 127.0.0.1) and
loaded with wrk in the same run. Target: the lesson page at no less than half
of the hello throughput.

    .venv/bin/python bench/throughput.py [--seconds 10] [--connections 8]
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

COURSE = "your-rights-at-work"
WORKERS = 2

# wrk sends every quiz submission with a form token of its own: each one is graded and stored.
QUIZ_SCRIPT = """
local threads = 0
function setup(thread) threads = threads + 1; thread:set("thread_id", threads) end
local n = 0
request = function()
  n = n + 1
  local body = BODY .. "&form_token=" .. RUN .. "-" .. thread_id .. "-" .. n
  return wrk.format("POST", PATH, HEADERS, body)
end
"""


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--seconds", type=int, default=10, help="load time per endpoint")
    options.add_argument("--connections", type=int, default=8)
    args = options.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing — install it with `apt-get install wrk`")

    with tempfile.TemporaryDirectory(prefix="signaal-bench-") as folder:
        instance = LiveInstance(Path(folder), Path(folder) / "fonts").prepare()
        module = first_module(instance)
        with instance.serving(workers=WORKERS) as url:
            session = Participant(url)
            lesson = f"{url}/courses/{COURSE}/{module.module_id}/1"
            quiz = f"{url}/courses/{COURSE}/{module.module_id}/quiz"
            form = session.quiz_form(quiz, module)
            with serve("hello_app:app", workers=WORKERS, env=dict(os.environ), log=Path(folder) / "hello.log",
                       chdir=ROOT / "bench") as hello_url:
                hello = wrk(hello_url + "/", args, Path(folder))
            rows = [["hello (minimal Flask)", *hello.cells(hello)]]
            page = wrk(lesson, args, Path(folder), cookie=session.cookie)
            rows.append(["lesson page", *page.cells(hello)])
            submit = wrk(quiz, args, Path(folder), cookie=session.cookie, form=form)
            rows.append(["quiz submit (graded, stored)", *submit.cells(hello)])
            load = machine_load()

    print(f"gunicorn {WORKERS} sync workers, wrk {args.connections} connections, {args.seconds} s each, 127.0.0.1; {load}\n")
    print_table(["endpoint", "requests/s", "latency avg", "latency p99", "errors", "vs hello"], rows)


def first_module(instance: LiveInstance):
    from quiz_answers import right_answers
    from signaal.courses.catalogue import live_version_or_404, modules_of
    from signaal.extensions import db

    with instance.app.app_context():
        version = live_version_or_404(COURSE)
        module = modules_of(version, version.language)[0]
        module.right = right_answers(module)
        db.session.expunge_all()
    return module


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

    def quiz_form(self, quiz_url: str, module) -> str:
        """The quiz's right answers as a form body; checks once that a submission is accepted."""
        token = self.csrf(quiz_url)
        answers = {name: values for name, values in module.right.items()}
        landed = self.post(quiz_url, {**answers, "form_token": secrets.token_hex(12)}, token)
        assert "/attempts/" in landed, f"the quiz submission was not accepted: {landed}"
        return urllib.parse.urlencode({**answers, "csrf_token": token}, doseq=True)

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


def wrk(url: str, args, folder: Path, cookie: str = "", form: str = "") -> Load:
    command = ["wrk", "--threads", "2", "--connections", str(args.connections),
               "--duration", f"{args.seconds}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    if form:
        script = folder / "quiz.lua"
        path = urllib.parse.urlsplit(url).path
        constants = (f"BODY = {_lua(form)}\nRUN = {_lua(secrets.token_hex(8))}\nPATH = {_lua(path)}\n"
                     f"HEADERS = {{['Content-Type'] = 'application/x-www-form-urlencoded', ['Cookie'] = {_lua(cookie)}}}\n")
        script.write_text(constants + QUIZ_SCRIPT)
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

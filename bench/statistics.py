"""How long the statistics pages take at 100,000 participants and about a million progress records.

Run from the repository root: `python bench/statistics.py [participants] [--keep FOLDER]`.
It builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL,
e.g. postgresql://user@host/bench — its tables are dropped and created),
publishes the bundled courses, generates the demo data set with
`generate_demo`, and times each statistics page as an administrator (all
organisations, with suppression) and as a coordinator of one organisation:
each page once (the first request after start), then three times (median and
worst). Prints a table and the machine's load, asserts nothing.

--keep FOLDER keeps the generated data set there (SQLite file or, with
DATABASE_URL, a marker file) and reuses it on the next run instead of
generating it again: generating 100,000 participants takes minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "platform"))

from sqlalchemy import func, select  # noqa: E402

from signaal import create_app  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from signaal.accounts.models import Role, User  # noqa: E402
from signaal.accounts.registry import create_user  # noqa: E402
from signaal.courses.publishing import publish_course  # noqa: E402
from signaal.courses.reading import find_course_folders  # noqa: E402
from signaal.demo.generate import generate_demo, refresh_planner_statistics  # noqa: E402
from signaal.extensions import db  # noqa: E402
from signaal.learning.models import ModuleProgress  # noqa: E402
from signaal.organisations.models import Membership  # noqa: E402

RUNS = 3  # the middle of three is reported (not `statistics.median`: this file's name shadows it)
PASSWORD = "benchmark password"


def build(folder: Path, participants: int):
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'bench.db'}"
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": str(folder / "instance"), "SECRET_KEY": "bench",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
    })
    generated = folder / f"generated-{participants}"
    if generated.exists():
        with app.app_context():
            organisation = db.session.scalar(select(Membership.organisation_id).join(User).where(User.username == "bench-coordinator"))
            progress = db.session.scalar(select(func.count()).select_from(ModuleProgress))
        print(f"reusing the data set generated in {folder}")
        return app, SimpleNamespace(organisations=[organisation]), progress
    with app.app_context():
        db.drop_all()
        db.create_all()
        folders, _problems = find_course_folders(ROOT / "courses")
        for course in folders:
            publish_course(course)
        started = time.perf_counter()
        summary = generate_demo(participants, seed=1)
        print(f"generated {participants} participants in {time.perf_counter() - started:.1f} s: {summary.rows}")
        create_user("bench-admin", PASSWORD, role=Role.ADMIN)
        coordinator = create_user("bench-coordinator", PASSWORD, role=Role.COORDINATOR)
        db.session.add(Membership(user_id=coordinator.id, organisation_id=summary.organisations[0]))
        db.session.commit()
        refresh_planner_statistics()  # as `flask demo generate` does: autovacuum would, later
        db.session.commit()
        progress = db.session.scalar(select(func.count()).select_from(ModuleProgress))
    generated.touch()
    return app, summary, progress


def timed(client, url: str, runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("participants", type=int, nargs="?", default=100_000)
    options.add_argument("--keep", type=Path, help="keep the data set in this folder and reuse it next time")
    args = options.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        app, summary, progress = build(args.keep or Path(temporary), args.participants)
        organisation = summary.organisations[0]
        print(f"{progress} module progress records; database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}")
        pages = [
            ("bench-admin", "/statistics/?scope=all"),
            ("bench-admin", "/statistics/courses/recognising-labour-exploitation?scope=all"),
            ("bench-admin", "/statistics/expiring?scope=all&days=30"),
            ("bench-coordinator", f"/statistics/?scope=org-{organisation}"),
            ("bench-coordinator", f"/statistics/courses/your-rights-at-work?scope=org-{organisation}"),
            ("bench-coordinator", f"/statistics/expiring?scope=org-{organisation}&days=30"),
            ("bench-coordinator", f"/statistics/participants?organisation={organisation}"),
            ("bench-coordinator", f"/statistics/participants?organisation={organisation}&sort=-activity&page=3"),
            ("bench-coordinator", f"/statistics/participants?organisation={organisation}&q=kowal"),
            ("bench-coordinator", f"/statistics/participants?organisation={organisation}&course=your-rights-at-work&status=not-started"),
        ]
        clients = {}
        for who in {who for who, _url in pages}:
            clients[who] = app.test_client()
            clients[who].post("/account/login", data={"username": who, "password": PASSWORD})
        # The first request to each page after start compiles its templates and queries, and the process's
        # first full garbage collection falls in the next few: a server pays both once. They are printed
        # as "first", and the three timed requests come after every page was asked for once.
        first = {url: timed(clients[who], url, runs=1)[0] for who, url in pages}
        print(f"{'who':<18} {'page':<100} {'first s':>8} {'median s':>9} {'worst s':>8}")
        for who, url in pages:
            times = timed(clients[who], url)
            print(f"{who:<18} {url:<100} {first[url]:>8.3f} {sorted(times)[len(times) // 2]:>9.3f} {max(times):>8.3f}")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end")


if __name__ == "__main__":
    main()

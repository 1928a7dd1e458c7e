"""How long the statistics pages take at 100,000 participants and about a million progress records.

Run from the repository root: `python bench/statistics.py [participants]`.
It builds a fresh SQLite database in a temporary folder (or uses DATABASE_URL,
e.g. postgresql://user@host/bench — its tables are dropped and created),
publishes the bundled courses, generates the demo data set with
`generate_demo`, and times each statistics page as an administrator (all
organisations, with suppression) and as a coordinator of one organisation.
Prints a table, asserts nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "platform"))

from sqlalchemy import func, select  # noqa: E402

from signaal import create_app  # noqa: E402
from signaal.accounts.models import Role  # noqa: E402
from signaal.accounts.registry import create_user  # noqa: E402
from signaal.courses.publishing import publish_course  # noqa: E402
from signaal.courses.reading import find_course_folders  # noqa: E402
from signaal.demo.generate import generate_demo  # noqa: E402
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
        progress = db.session.scalar(select(func.count()).select_from(ModuleProgress))
    return app, summary, progress


def timed(client, url: str) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> None:
    participants = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        app, summary, progress = build(Path(folder), participants)
        organisation = summary.organisations[0]
        print(f"{progress} module progress records; database: {app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}")
        pages = [
            ("bench-admin", "/statistics/?scope=all"),
            ("bench-admin", "/statistics/courses/recognising-labour-exploitation?scope=all"),
            ("bench-admin", "/statistics/expiring?scope=all&days=30"),
            ("bench-coordinator", f"/statistics/?scope=org-{organisation}"),
            ("bench-coordinator", f"/statistics/courses/your-rights-at-work?scope=org-{organisation}"),
            ("bench-coordinator", f"/statistics/participants?organisation={organisation}&sort=-activity&page=3"),
            ("bench-coordinator", f"/statistics/participants?organisation={organisation}&q=kowal"),
        ]
        print(f"{'who':<18} {'page':<72} {'median s':>9} {'worst s':>8}")
        for who, url in pages:
            client = app.test_client()
            client.post("/account/login", data={"username": who, "password": PASSWORD})
            times = timed(client, url)
            print(f"{who:<18} {url:<72} {sorted(times)[len(times) // 2]:>9.2f} {max(times):>8.2f}")


if __name__ == "__main__":
    main()

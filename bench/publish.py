"""`flask courses publish` time: every bundled course in every language, then again unchanged.

The second run should be near zero work (nothing changed, nothing to publish);
`flask courses --help` shows what Python and the app's import alone cost.

    .venv/bin/python bench/publish.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from served import ROOT, machine_load, print_table


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=3, help="fresh databases to publish into")
    args = options.parse_args()
    timings = {"startup": [], "first": [], "unchanged": []}
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="signaal-bench-") as folder:
            env = fresh_database(Path(folder))
            timings["startup"].append(timed(["courses", "--help"], env))
            timings["first"].append(timed(["courses", "publish"], env))
            timings["unchanged"].append(timed(["courses", "publish"], env))
    courses = sorted(p.parent for p in (ROOT / "courses").glob("*/course.yml"))
    languages = sum(len(yaml.safe_load((c / "course.yml").read_text()).get("languages") or [1]) for c in courses)
    print(f"{len(courses)} bundled courses, {languages} course languages in all; "
          f"median of {args.runs} fresh SQLite databases; includes starting Python and the app; {machine_load()}\n")
    print_table(["command", "median s", "min s", "max s"], [
        ["flask courses --help (start-up only)", *spread(timings["startup"])],
        ["flask courses publish (all, first time)", *spread(timings["first"])],
        ["flask courses publish (nothing changed)", *spread(timings["unchanged"])],
    ])


def fresh_database(folder: Path) -> dict:
    """Environment for a flask command on an empty database in `folder`, tables created."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'signaal.db'}", "SECRET_KEY": "bench",
           "SIGNAAL_FONT_CACHE": str(folder / "fonts"), "PYTHONPATH": str(ROOT / "platform")}
    create = "from signaal import create_app; from signaal.extensions import db\n" \
             "with create_app().app_context(): db.create_all()"
    subprocess.run([sys.executable, "-c", create], env=env, cwd=ROOT, check=True)
    return env


def timed(arguments: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *arguments], env=env, cwd=ROOT,
                   check=True, capture_output=True, timeout=300)
    return time.perf_counter() - start


def spread(values: list[float]) -> list[str]:
    # Not the statistics module: bench/statistics.py (the statistics page benchmark) shadows it here.
    median = sorted(values)[len(values) // 2]
    return [f"{median:.2f}", f"{min(values):.2f}", f"{max(values):.2f}"]


if __name__ == "__main__":
    main()

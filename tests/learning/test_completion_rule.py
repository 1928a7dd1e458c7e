"""The completion rule is written twice, in Python and in SQL, side by side: they must agree."""

from __future__ import annotations

import itertools
import re
from datetime import datetime

from signaal.courses.publishing import publish_course
from signaal.extensions import db
from signaal.learning.models import ModuleProgress
from signaal.learning.progress import course_is_done, module_done_sql, module_is_done

MOMENT = datetime(2026, 11, 1, 12)


def modules_done_in_python_and_sql(version, people: dict[int, dict[str, ModuleProgress]]) -> set[tuple[int, str]]:
    """(user id, module id) of the modules done, by `module_is_done`; asserts `module_done_sql` finds the same."""
    done_in_sql = set(
        db.session.execute(
            db.select(ModuleProgress.user_id, ModuleProgress.module_id).where(module_done_sql(version))
        ).all()
    )
    done_in_python = {
        (user_id, module.module_id)
        for user_id, rows in people.items()
        for module in version.modules_in(version.language)
        if module_is_done(module, rows.get(module.module_id))
    }
    assert done_in_sql == done_in_python
    return done_in_python


def test_python_and_sql_agree_on_every_kind_of_progress(app, courses_dir, make_user):
    # One module with a quiz, one without.
    steps = courses_dir / "tiny" / "02-next-steps.md"
    steps.write_text(re.split(r"^## .*\{\.quiz\}", steps.read_text(), flags=re.M)[0])
    version = publish_course(courses_dir / "tiny").version
    modules = version.modules_in(version.language)
    assert [bool(m.quiz) for m in modules] == [True, False]

    states = list(itertools.product([None, MOMENT], [None, MOMENT]))  # (pages read, quiz passed)
    people = {}
    for (basics_state, steps_state) in itertools.product(states + [None], repeat=2):
        user = make_user()
        rows = {}
        for module, state in zip(modules, (basics_state, steps_state)):
            if state is not None:
                rows[module.module_id] = ModuleProgress(
                    user_id=user.id, course_id=version.course_id, module_id=module.module_id,
                    furthest_page=1, pages_done_at=state[0], passed_at=state[1],
                )
                db.session.add(rows[module.module_id])
        people[user.id] = rows
    db.session.flush()

    done_in_python = modules_done_in_python_and_sql(version, people)
    assert 0 < len(done_in_python) < sum(len(rows) for rows in people.values())
    complete = {user_id for user_id, rows in people.items() if course_is_done(version, rows)}
    assert complete == {u for u in people if all((u, m.module_id) in done_in_python for m in modules)}


SCENARIO_ONLY = """---
title: Only a scenario
---

## Decide {.scenario}

### Start {#start}
What now?

- [The right thing](#fine)

### Fine {#fine ending="good"}
Well done.
"""


def test_python_and_sql_agree_on_modules_with_scenarios(app, courses_dir, make_user):
    # A module with pages, a scenario and a quiz; one with pages and a scenario; one with only a scenario.
    scenes = courses_dir / "scenes"
    house = (scenes / "01-house.md").read_text()
    (scenes / "02-no-quiz.md").write_text(re.split(r"^## .*\{\.quiz\}", house, flags=re.M)[0])
    (scenes / "03-only.md").write_text(SCENARIO_ONLY)
    (scenes / "translations" / "ar.po").unlink()
    version = publish_course(scenes).version
    modules = version.modules_in(version.language)
    assert [(bool(m.quiz), m.page_count, len(m.scenarios)) for m in modules] == [(True, 1, 1), (False, 1, 1), (False, 0, 1)]

    states = list(itertools.product([None, MOMENT], repeat=3))  # (pages read, quiz passed, scenarios done)
    people = {}
    for module_states in itertools.product(states + [None], repeat=3):
        user = make_user()
        rows = {}
        for module, state in zip(modules, module_states):
            if state is not None:
                rows[module.module_id] = ModuleProgress(
                    user_id=user.id, course_id=version.course_id, module_id=module.module_id,
                    furthest_page=1, pages_done_at=state[0], passed_at=state[1], scenarios_done_at=state[2],
                )
                db.session.add(rows[module.module_id])
        people[user.id] = rows
    db.session.flush()

    done_in_python = modules_done_in_python_and_sql(version, people)
    # Without its scenario done no module is done; with it, the quiz or the pages still count.
    assert all(people[user_id][module_id].scenarios_done_at is not None for user_id, module_id in done_in_python)
    assert any(row.scenarios_done_at and not row.passed_at for user_id, rows in people.items() for m, row in rows.items() if m == "house" and (user_id, m) not in done_in_python)
    complete = {user_id for user_id, rows in people.items() if course_is_done(version, rows)}
    assert complete == {u for u in people if all((u, m.module_id) in done_in_python for m in modules)}
    assert complete

"""Demo data plays scenarios too: first attempts that are not all good, retries that pass, counters that agree."""

from __future__ import annotations

from sqlalchemy import func, select

from signaal.demo.generate import generate_demo
from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.scenarios.models import ScenarioChoice, ScenarioRun
from signaal.statistics.summaries import differences


def test_demo_participants_play_the_scenarios_and_complete_courses_with_them(app, scenes_course):
    generate_demo(80, seed=4, organisations=1)
    db.session.commit()
    first = db.session.scalars(select(ScenarioRun).where(ScenarioRun.attempt == 1)).all()
    assert first and {run.ending for run in first} >= {"good", "harmful"}  # first attempts differ
    # Everyone who did not pass the first time passed the second, with the choices that got them there.
    for run in db.session.scalars(select(ScenarioRun).where(ScenarioRun.attempt == 2)):
        assert run.passed and run.ending == "good"
        path = db.session.scalars(select(ScenarioChoice).where(ScenarioChoice.run_id == run.id).order_by(ScenarioChoice.position)).all()
        assert [c.step_id for c in path][0] == "arrival" and path[-1].target == run.ending_step
    done = db.session.scalar(select(func.count()).select_from(ModuleProgress).where(ModuleProgress.scenarios_done_at.is_not(None)))
    completed = db.session.scalar(select(func.count()).select_from(Enrolment).where(Enrolment.completed_at.is_not(None)))
    assert 0 < completed <= done
    assert differences() == []  # the counters, rebuilt after the bulk insert, agree with the rows

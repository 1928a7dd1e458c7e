"""Play a scenario: where a person is, the choice they make, and trying again.

The server alone decides where a person is: the latest run's current step.
A choice is taken only when it belongs to that step of that run, so the back
button, a second tab or a replayed form can never rewrite the path taken
(`StaleChoice`); what was chosen is never changed afterwards. Everything here
adds to the caller's transaction and flushes; the edge commits. The person's
enrolment row is locked first (`touch_enrolment`), so two requests for the
same person take turns, and the run's unique attempt number guards the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..accounts.models import User
from ..clock import utcnow
from ..courses.compiled import Choice, Scenario, Step
from ..courses.published import PublishedModule
from ..extensions import db
from ..learning.progress import record_scenarios_done, touch_enrolment
from ..learning.models import Enrolment
from .models import ScenarioChoice, ScenarioRun


class StaleChoice(Exception):
    """The form was for a step the person has left (back button, another tab, a replayed form)."""


class NoSuchChoice(Exception):
    """The step has no choice with that number: a forged form."""


@dataclass(frozen=True)
class Position:
    """What the scenario page shows: a step of the latest run (or of the run about to start)."""

    attempt: int  # the run the page's forms belong to
    step: Step | None  # None when the run's step is no longer in the published scenario
    chosen: Choice | None = None  # the choice that led here, whose feedback the page shows
    run: ScenarioRun | None = None  # None before the first choice

    @property
    def ended(self) -> bool:
        return self.run is not None and self.run.ended_at is not None


def latest_run(user: User, module: PublishedModule, scenario: Scenario) -> ScenarioRun | None:
    """The person's most recent run of the scenario, or None."""
    return db.session.scalar(
        select(ScenarioRun)
        .where(
            ScenarioRun.user_id == user.id,
            ScenarioRun.course_id == module.course_id,
            ScenarioRun.module_id == module.module_id,
            ScenarioRun.scenario_id == scenario.id,
        )
        .order_by(ScenarioRun.attempt.desc())
        .limit(1)
    )


def current_cycle(user: User, course_id: str) -> int:
    """The cycle of the person's enrolment (a restart to renew a certificate starts the next one)."""
    return db.session.scalar(select(Enrolment.cycle).where(Enrolment.user_id == user.id, Enrolment.course_id == course_id)) or 1


def position(user: User, module: PublishedModule, scenario: Scenario) -> Position:
    """Where the person is in the scenario; the texts come from `module`, in the language it is shown in."""
    run = latest_run(user, module, scenario)
    if run is None:
        return Position(1, scenario.start)
    if run.cycle != current_cycle(user, module.course_id):
        return Position(run.attempt + 1, scenario.start)  # a restarted course: the scenario is to be played again
    step = scenario.step(run.current_step)
    last = db.session.scalar(
        select(ScenarioChoice).where(ScenarioChoice.run_id == run.id).order_by(ScenarioChoice.position.desc()).limit(1)
    )
    return Position(run.attempt, step, _choice_of(scenario, last), run)


def _choice_of(scenario: Scenario, record: ScenarioChoice | None) -> Choice | None:
    """The published choice a recorded one stands for, if the scenario still has it where it was."""
    step = scenario.step(record.step_id) if record is not None else None
    if step is None or not 0 <= record.choice_index < len(step.choices) or step.choices[record.choice_index].target != record.target:
        return None
    return step.choices[record.choice_index]


def choose(user: User, module: PublishedModule, scenario: Scenario, *, attempt: int, step_id: str, choice_index: int) -> ScenarioRun:
    """Take the choice at the person's current step, ending the run when it leads to an ending.

    `module` is the live version's module (in any language: the graph is the same).
    Raises StaleChoice when the form was not for the current step of the current
    run, and NoSuchChoice when the step has no such choice; nothing is recorded then.
    """
    enrolment = touch_enrolment(user, module.course_id)
    run = latest_run(user, module, scenario)
    restarted = run is not None and run.cycle != enrolment.cycle
    if run is None or restarted:
        expected = ((run.attempt + 1) if run else 1, scenario.start.id)
    elif run.ended_at is not None:
        raise StaleChoice
    else:
        expected = (run.attempt, run.current_step)
    if (attempt, step_id) != expected:
        raise StaleChoice
    step = scenario.step(step_id)
    if step is None:
        raise StaleChoice  # the run's step left the scenario in a new version: the page offers to start again
    if not 0 <= choice_index < len(step.choices):
        raise NoSuchChoice
    if run is None or restarted:
        run = _new_run(user, enrolment, module, scenario, attempt)
        made = 0
    else:
        made = db.session.scalar(select(ScenarioChoice.position).where(ScenarioChoice.run_id == run.id).order_by(ScenarioChoice.position.desc()).limit(1)) or 0
    choice = step.choices[choice_index]
    db.session.add(ScenarioChoice(run=run, position=made + 1, step_id=step.id, choice_index=choice_index, target=choice.target))
    run.current_step = choice.target
    _end_if_ending(user, enrolment, module, scenario, run)
    db.session.flush()
    return run


def try_again(user: User, module: PublishedModule, scenario: Scenario) -> ScenarioRun:
    """Start a new run at the first step, unless one is under way already (a second click)."""
    enrolment = touch_enrolment(user, module.course_id)
    run = latest_run(user, module, scenario)
    if run is not None and run.ended_at is None and run.cycle == enrolment.cycle and scenario.step(run.current_step) is not None:
        return run
    run = _new_run(user, enrolment, module, scenario, (run.attempt + 1) if run else 1)
    db.session.flush()
    return run


def _new_run(user: User, enrolment: Enrolment, module: PublishedModule, scenario: Scenario, attempt: int) -> ScenarioRun:
    run = ScenarioRun(
        user_id=user.id, course_id=module.course_id, module_id=module.module_id, scenario_id=scenario.id,
        attempt=attempt, cycle=enrolment.cycle, version_id=module.version.id, language=module.language,
        current_step=scenario.start.id, passed=False,
    )
    db.session.add(run)
    return run


def _end_if_ending(user: User, enrolment: Enrolment, module: PublishedModule, scenario: Scenario, run: ScenarioRun) -> None:
    target = scenario.step(run.current_step)
    if target is None or not target.ending:
        return
    run.ended_at = utcnow()
    run.ending_step = target.id
    run.ending = target.ending
    run.passed = scenario.passes(target.ending)
    if run.passed and _all_passed(user, enrolment, module, scenario.id):
        record_scenarios_done(user, enrolment, module, module.version)


def _all_passed(user: User, enrolment: Enrolment, module: PublishedModule, just_passed: str) -> bool:
    """Whether every scenario of the module has a passing run in this cycle (the one just passed included)."""
    others = {scenario.id for scenario in module.scenarios} - {just_passed}
    if not others:
        return True
    passed = set(db.session.scalars(
        select(ScenarioRun.scenario_id).where(
            ScenarioRun.user_id == user.id, ScenarioRun.course_id == module.course_id, ScenarioRun.module_id == module.module_id,
            ScenarioRun.cycle == enrolment.cycle, ScenarioRun.passed.is_(True),
        )
    ))
    return others <= passed

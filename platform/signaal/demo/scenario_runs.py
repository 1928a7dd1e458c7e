"""Demo paths through scenarios: a first attempt that mostly (not always) decides well, and a retry that passes."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from ..courses.compiled import Scenario, Step
from ..courses.published import PublishedModule
from ..scenarios.models import ScenarioChoice, ScenarioRun

MOST_STEPS = 12  # a random walk through a loop stops here, unfinished
GOOD_DECISION = 0.7  # the chance that a first attempt takes the choice leading towards a passing ending


def play_scenarios(rng: random.Random, ids, buffer, user_id: int, module: PublishedModule, moment: datetime) -> datetime | None:
    """Add runs of every scenario of the module; when all were passed, the moment the last one was (else None)."""
    done = moment
    for scenario in module.scenarios:
        distances = _distances_to_a_pass(scenario)
        attempt, passed = 0, False
        while not passed and attempt < 2:
            attempt += 1
            done += timedelta(minutes=rng.randint(2, 20))
            passed = _run(rng, ids, buffer, (user_id, module, scenario, distances), attempt, done, careful=attempt > 1)
        if not passed:
            return None
    return done


def _run(rng, ids, buffer, what, attempt: int, moment: datetime, careful: bool) -> bool:
    user_id, module, scenario, distances = what
    run_id, step, position = ids.take(ScenarioRun), scenario.start, 0
    choices = []
    while not step.ending and position < MOST_STEPS:
        index = _decide(rng, step, distances, careful)
        position += 1
        target = step.choices[index].target
        choices.append(dict(id=ids.take(ScenarioChoice), run_id=run_id, position=position, step_id=step.id,
                            choice_index=index, target=target, chosen_at=moment))
        step = scenario.step(target)
    passed = bool(step.ending) and scenario.passes(step.ending)
    buffer.add(
        ScenarioRun, id=run_id, user_id=user_id, course_id=module.course_id, module_id=module.module_id,
        scenario_id=scenario.id, attempt=attempt, cycle=1, version_id=module.version.id, language=module.language,
        started_at=moment, current_step=step.id, ended_at=moment if step.ending else None,
        ending_step=step.id if step.ending else None, ending=step.ending, passed=passed,
    )
    for choice in choices:
        buffer.add(ScenarioChoice, **choice)
    return passed


def _decide(rng: random.Random, step: Step, distances: dict[str, int], careful: bool) -> int:
    if careful or rng.random() < GOOD_DECISION:
        return min(range(len(step.choices)), key=lambda i: distances.get(step.choices[i].target, 10**6))
    return rng.randrange(len(step.choices))


def _distances_to_a_pass(scenario: Scenario) -> dict[str, int]:
    """Steps from each step to the nearest passing ending (the compiler makes sure the start has one)."""
    distances = {step.id: 0 for step in scenario.steps if step.ending and scenario.passes(step.ending)}
    changed = True
    while changed:
        changed = False
        for step in scenario.steps:
            reachable = [distances[c.target] + 1 for c in step.choices if c.target in distances]
            if reachable and min(reachable) < distances.get(step.id, 10**6):
                distances[step.id] = min(reachable)
                changed = True
    return distances

"""Check a scenario's steps form a story that can be played to its end.

Every choice must lead to a step of the same scenario; every step must be
reachable from the first; a step that is not an ending needs a choice and an
ending may not have one, nor be the first step; from every step some path must reach an ending (a
loop needs a way out); at least one ending must be good; step ids are unique.
Each problem points at the line to fix.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problem, error
from .scenarios import ScenarioSource, StepSource


def check_scenario_graphs(scenarios: list[ScenarioSource], path: Path, problems: list[Problem]) -> None:
    """Check every scenario of one module; a link into another scenario is named as such."""
    owners = {step.id: scenario for scenario in scenarios for step in scenario.steps if step.id}
    for scenario in scenarios:
        check_scenario_graph(scenario, owners, path, problems)


def check_scenario_graph(scenario: ScenarioSource, owners: dict[str, ScenarioSource], path: Path, problems: list[Problem]) -> None:
    steps = unique_steps(scenario, path, problems)
    check_links(scenario, steps, owners, path, problems)
    check_step_shapes(scenario, path, problems)
    if not steps:
        return
    if scenario.steps[0].ending:
        problems.append(error(path, scenario.steps[0].line, f"the first step \"{scenario.steps[0].id}\" is an ending — a scenario starts with a step that has choices; put the ending after it"))
    reachable = reachable_from(scenario.steps[0].id, steps)
    for step in steps.values():
        if step.id not in reachable:
            problems.append(error(path, step.line, f"step \"{step.id}\" cannot be reached from the first step \"{scenario.steps[0].id}\" — link to it from a choice, or remove it"))
    check_exits(scenario, steps, reachable, path, problems)
    if not any(step.ending == "good" for step in scenario.steps):
        problems.append(error(path, scenario.line, f"scenario \"{scenario.title}\" has no good ending — mark the step that shows the right way to act with ending=\"good\""))


def unique_steps(scenario: ScenarioSource, path: Path, problems: list[Problem]) -> dict[str, StepSource]:
    """The steps by id; a second step with the same id is reported and left out."""
    steps: dict[str, StepSource] = {}
    for step in scenario.steps:
        if not step.id:
            continue  # reported when read
        if step.id in steps:
            problems.append(error(path, step.line, f"duplicate step id \"{step.id}\" (also on line {steps[step.id].line}) — give each step its own {{#id}}"))
            continue
        steps[step.id] = step
    return steps


def check_links(scenario: ScenarioSource, steps: dict[str, StepSource], owners: dict[str, ScenarioSource], path: Path, problems: list[Problem]) -> None:
    for step in scenario.steps:
        for choice in step.choices:
            if choice.target in steps:
                continue
            other = owners.get(choice.target)
            if other is not None and other is not scenario:
                where = f"a step of another scenario (\"{other.title}\")"
            else:
                where = "no step"
            problems.append(error(path, choice.line, f"the choice links to \"#{choice.target}\", {where} — link to a step of this scenario by its {{#id}}"))


def check_step_shapes(scenario: ScenarioSource, path: Path, problems: list[Problem]) -> None:
    """An ending has no choices; every other step has at least one, each worded differently."""
    for step in scenario.steps:
        check_choices_differ(step, path, problems)
        if step.ending and step.choices:
            problems.append(error(path, step.line, f"step \"{step.id}\" is an ending but has choices — remove the choices, or remove ending=\"{step.ending}\""))
        if not step.ending and not step.choices:
            problems.append(error(path, step.line, f"step \"{step.id}\" is a dead end: it has no choices and is not an ending — add choices, or mark it ending=\"good\", \"acceptable\" or \"harmful\""))


def check_choices_differ(step: StepSource, path: Path, problems: list[Problem]) -> None:
    # Two buttons with the same words: a person (or a screen reader) cannot tell which one leads where.
    seen: dict[str, int] = {}
    for choice in step.choices:
        words = " ".join(choice.label.split()).casefold()
        if words in seen:
            problems.append(error(path, choice.line, f"two choices of step \"{step.id}\" say \"{choice.label.strip()}\" (also on line {seen[words]}) — word each choice differently"))
        else:
            seen[words] = choice.line


def reachable_from(start: str, steps: dict[str, StepSource]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for choice in steps[todo.pop()].choices:
            if choice.target in steps and choice.target not in seen:
                seen.add(choice.target)
                todo.append(choice.target)
    return seen


def check_exits(scenario: ScenarioSource, steps: dict[str, StepSource], reachable: set[str], path: Path, problems: list[Problem]) -> None:
    """Report steps caught in a loop: no path from them reaches an ending (or a problem already reported)."""
    # Dead ends and broken links are reported already; count them as exits so one mistake is one error.
    exits = {step.id for step in steps.values() if step.ending or not step.choices or any(c.target not in steps for c in step.choices)}
    leads_out = set(exits)
    changed = True
    while changed:
        changed = False
        for step in steps.values():
            if step.id not in leads_out and any(choice.target in leads_out for choice in step.choices):
                leads_out.add(step.id)
                changed = True
    trapped = [step for step in scenario.steps if step.id in steps and step.id in reachable and step.id not in leads_out and steps[step.id] is step]
    if trapped:
        names = ", ".join(f"\"{step.id}\"" for step in trapped)
        problems.append(error(path, trapped[0].line, f"a loop with no way out: no path from the steps {names} reaches an ending — add a choice that leads out of the loop"))

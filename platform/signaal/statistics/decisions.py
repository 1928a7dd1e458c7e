"""What people decide in a course's scenarios on their first attempt, step by step, and where it leads.

The counting is done in SQL (`decision_counts.py`, through the counters in
`figures.py`); here the few counted rows are matched to the live version's
scenarios, steps, choices and endings, in course order.

A *harmful choice* is a choice that leads directly to a harmful ending. Its
topic tags are the "topics behind harmful choices": for each topic, how many
people made a harmful choice tagged with it, out of the people who decided at
the steps that offered such a choice (each person counted once per step).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..courses.compiled import Scenario
from ..courses.published import PublishedVersion
from .decision_counts import DECISION, END, PEOPLE
from .figures import scenario_counts
from .questions import plain_text
from .scoping import Scope


@dataclass(frozen=True)
class ChoiceFigures:
    label: str  # plain text
    leads_to: str  # the title of the step it leads to
    ending: str | None  # the kind of ending it leads to directly, if any
    topics: tuple[str, ...]
    people: int  # who took it, the first time they reached the step on their first attempt


@dataclass(frozen=True)
class StepFigures:
    step_id: str
    title: str
    choices: tuple[ChoiceFigures, ...]

    @property
    def decided(self) -> int:
        """People who made a decision at this step on their first attempt."""
        return sum(choice.people for choice in self.choices)


@dataclass(frozen=True)
class EndingFigures:
    step_id: str
    title: str
    kind: str  # good | acceptable | harmful
    passes: bool
    people: int  # whose first attempt ended here


@dataclass(frozen=True)
class ScenarioFigures:
    module_id: str
    module_title: str
    scenario_id: str
    title: str
    people: int  # with a first attempt
    steps: tuple[StepFigures, ...]
    endings: tuple[EndingFigures, ...]

    @property
    def unfinished(self) -> int:
        """First attempts that have not reached an ending (yet)."""
        return max(self.people - sum(ending.people for ending in self.endings), 0)


@dataclass
class HarmfulTopic:
    topic: str
    harmful: int = 0  # people who made a harmful choice tagged with the topic
    decided: int = 0  # people who decided at the steps offering such a choice
    steps: set[str] = field(default_factory=set)


def scenario_figures(scope: Scope, version: PublishedVersion) -> list[ScenarioFigures]:
    """Every scenario of the live version, in course order, with its first-attempt figures."""
    counts = scenario_counts(scope, version.course_id)
    figures = []
    for module in version.modules_in(version.language):
        for scenario in module.scenarios:
            prefix = f"{module.module_id}|{scenario.id}"
            figures.append(ScenarioFigures(
                module_id=module.module_id,
                module_title=module.title,
                scenario_id=scenario.id,
                title=scenario.title,
                people=counts.get((PEOPLE, prefix), 0),
                steps=_steps(scenario, prefix, counts),
                endings=tuple(
                    EndingFigures(step.id, step.title, step.ending, scenario.passes(step.ending), counts.get((END, f"{prefix}|{step.id}"), 0))
                    for step in scenario.steps if step.ending
                ),
            ))
    return figures


def _steps(scenario: Scenario, prefix: str, counts: dict[tuple[str, str], int]) -> tuple[StepFigures, ...]:
    steps = []
    for step in scenario.steps:
        if step.ending:
            continue
        choices = []
        for index, choice in enumerate(step.choices):
            target = scenario.step(choice.target)
            choices.append(ChoiceFigures(
                label=plain_text(choice.label_html),
                leads_to=target.title if target else choice.target,
                ending=target.ending if target else None,
                topics=choice.topics,
                people=counts.get((DECISION, f"{prefix}|{step.id}|{index}"), 0),
            ))
        steps.append(StepFigures(step.id, step.title, tuple(choices)))
    return tuple(steps)


def harmful_topics(scenarios: list[ScenarioFigures]) -> list[HarmfulTopic]:
    """Per topic tag of the choices that lead straight to a harmful ending; the most chosen (by share) first."""
    topics: dict[str, HarmfulTopic] = {}
    for scenario in scenarios:
        for step in scenario.steps:
            for choice in step.choices:
                if choice.ending != "harmful":
                    continue
                for topic in choice.topics:
                    figures = topics.setdefault(topic, HarmfulTopic(topic))
                    figures.harmful += choice.people
                    step_key = f"{scenario.module_id}|{scenario.scenario_id}|{step.step_id}"
                    if step_key not in figures.steps:  # two harmful choices at one step: its deciders count once
                        figures.steps.add(step_key)
                        figures.decided += step.decided
    return sorted(topics.values(), key=lambda t: (-(t.harmful / t.decided if t.decided else 0), t.topic))

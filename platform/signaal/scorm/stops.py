"""The pages of a package, in the order a participant goes through a module: its lesson pages, the
start of each scenario (whose other steps follow from its choices), then its quiz."""

from __future__ import annotations

from dataclasses import dataclass

from ..courses.compiled import Scenario, Step
from ..courses.published import PublishedModule, PublishedVersion


@dataclass(frozen=True)
class Stop:
    """One page of a module: a lesson page, a step of a scenario, or (neither given) the module's quiz."""

    module: PublishedModule
    page_number: int | None = None
    scenario: Scenario | None = None  # with `step`, for a step of this scenario
    step: Step | None = None

    @property
    def is_quiz(self) -> bool:
        return self.page_number is None and self.step is None

    @property
    def file(self) -> str:
        """The file name inside the language's folder (ids have no dots, so a step's name cannot clash)."""
        module_id = self.module.module_id
        if self.step is not None:
            return f"{module_id}.{self.scenario.id}.{self.step.id}.html"
        return f"{module_id}-{self.page_number or 'quiz'}.html"

    @property
    def path(self) -> str:
        return f"{self.module.language}/{self.file}"


def course_start(language: str) -> str:
    """The package path of the course overview in one language."""
    return f"{language}/index.html"


def module_stops(module: PublishedModule) -> list[Stop]:
    """The module's way through: its pages, each scenario's start, its quiz."""
    pages = [Stop(module, number) for number in range(1, module.page_count + 1)]
    scenarios = [Stop(module, scenario=scenario, step=scenario.start) for scenario in module.scenarios]
    return pages + scenarios + ([Stop(module)] if module.quiz else [])


def course_stops(version: PublishedVersion, language: str) -> list[Stop]:
    """The course's way through in one language, module after module."""
    return [stop for module in version.modules_in(language) for stop in module_stops(module)]


def step_stops(module: PublishedModule, scenario: Scenario) -> list[Stop]:
    """Every step of a scenario, each a page of its own."""
    return [Stop(module, scenario=scenario, step=step) for step in scenario.steps]

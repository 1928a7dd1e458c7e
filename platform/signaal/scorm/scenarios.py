"""Scenario sections in a SCORM package: one static page per step, each choice a link.

In Signaal the server records the path a participant takes. A package has no
server, so a choice is a link to the step it leads to, and the choice's
feedback travels in the link's fragment: a step's page holds the feedback of
every choice that leads to it and shows the one its address names (CSS
`:target`, no script needed). An ending shows its debrief; reaching an ending
that passes tells the launch page that the scenario is done.
"""

from __future__ import annotations

from flask import render_template

from ..courses.compiled import Choice, Scenario, Step
from ..courses.published import PublishedModule
from .stops import Stop, step_stops


def choice_anchor(step: Step, index: int) -> str:
    """The id, on the target step's page, of the feedback for the step's choice number `index`."""
    return f"after-{step.id}-{index}"


def arrivals(scenario: Scenario, step: Step) -> list[tuple[str, Choice]]:
    """The choices that lead to the step, each with its anchor."""
    return [
        (choice_anchor(source, index), choice)
        for source in scenario.steps
        for index, choice in enumerate(source.choices)
        if choice.target == step.id
    ]


def scenario_pages(module: PublishedModule, scenario: Scenario, following: Stop | None, common: dict) -> dict[str, str]:
    """Every step of the scenario: package path -> HTML; an ending continues to `following`."""
    start = Stop(module, scenario=scenario, step=scenario.start)
    card = module.version.help_card_in(module.language)
    pages = {}
    for stop in step_stops(module, scenario):
        step = stop.step
        choices = [
            (choice, f"{Stop(module, scenario=scenario, step=scenario.step(choice.target)).file}#{choice_anchor(step, index)}")
            for index, choice in enumerate(step.choices)
        ]
        pages[stop.path] = render_template(
            "scorm/step.html", stop=stop, module=module, scenario=scenario, step=step, choices=choices,
            arrivals=arrivals(scenario, step), passes=step.ending is not None and scenario.passes(step.ending),
            start_file=start.file, continue_file=following.file if following else "index.html",
            card=card if step.ending else None, root="../", **common,
        )
    return pages

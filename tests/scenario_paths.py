"""Ways through a scenario, found in its graph, for tests that play one as a person would."""

from __future__ import annotations


def good_path(scenario) -> list:
    """The choices of the shortest way from the first step to a good ending."""
    paths = {scenario.start.id: []}
    queue = [scenario.start]
    while queue:
        step = queue.pop(0)
        if step.ending == "good":
            return paths[step.id]
        for choice in step.choices:
            if choice.target not in paths:
                paths[choice.target] = paths[step.id] + [choice]
                queue.append(scenario.step(choice.target))
    raise AssertionError(f"{scenario.id}: no good ending to reach")

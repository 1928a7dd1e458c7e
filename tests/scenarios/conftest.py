"""Fixtures for the scenario player: the small scenes course (tests/data/courses/scenes), published."""

from __future__ import annotations

from pathlib import Path

import pytest

from signaal.courses.publishing import publish_course

SCENES = Path(__file__).parents[1] / "data" / "courses" / "scenes"


@pytest.fixture
def scenes_course(app):
    outcome = publish_course(SCENES)
    assert not outcome.failed, [str(p) for p in outcome.problems]
    return outcome.version

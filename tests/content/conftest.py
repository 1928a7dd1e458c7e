"""Fixtures for the content features: a sample course with a help card, published."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_courses import HELP_CARD, publish


@pytest.fixture
def sample_folder(courses_dir, monkeypatch) -> Path:
    """A writable copy of the tiny course, with problems shown as courses/tiny/<file>:<line>."""
    monkeypatch.chdir(courses_dir.parent)
    return courses_dir / "tiny"


@pytest.fixture
def carded_course(app, sample_folder):
    """The tiny course with HELP_CARD, published."""
    (sample_folder / "help-card.yml").write_text(HELP_CARD, encoding="utf-8")
    return publish(sample_folder)

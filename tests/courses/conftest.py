"""Fixtures for the course compiler tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_courses import VALID_COURSE_YML, VALID_MODULE, write_files


@pytest.fixture
def write_course(tmp_path, monkeypatch):
    """Return write(files, name="example") -> folder, a course at ./courses/<name> in a fresh directory.

    Files not given get valid defaults (course.yml and 01-intro.md); give None to leave one out.
    Problems then show paths as trainers see them: "courses/example/course.yml:4: ...".
    """
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str | bytes | None] | None = None, name: str = "example") -> Path:
        defaults = {"course.yml": VALID_COURSE_YML, "01-intro.md": VALID_MODULE}
        return write_files(Path("courses") / name, {**defaults, **(files or {})})

    return write

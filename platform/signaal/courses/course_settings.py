"""The keys a trainer may write in course.yml, and how they are checked.

Add a new course setting here, in COURSE_KEYS, and nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import Problem
from .reading import COURSE_ID
from .settings import Invalid, Key, check_keys, load_mapping, locale_code, locale_list, percent, positive_int, text


def course_id_value(value: Any) -> str:
    """A course id as written in course.yml: the folder name of another course."""
    if isinstance(value, str) and COURSE_ID.match(value.strip()):
        return value.strip()
    raise Invalid(f"must be the id of a course (its folder name, like labour-rights-refresher), not {value!r}")


def yes_no(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, not {value!r} — write true or false, without quotes")
    return value


COURSE_KEYS: dict[str, Key] = {
    "title": Key(text, example="Recognising labour exploitation"),
    "summary": Key(text, default=""),
    "language": Key(locale_code, example="en"),  # the language the course is written in
    "languages": Key(locale_list, default=()),  # offered languages; the source language is added first
    "pass_mark": Key(percent, default=80),
    "certificate_valid_months": Key(positive_int, default=None),
    "audience": Key(text, default=None),
    # A translated language reaching less than this percentage is not offered to participants.
    "min_coverage": Key(percent, default=0),
    "quick_exit": Key(yes_no, default=False),  # a "leave quickly" link on every page, for audiences at risk
    # A module's quiz opens only after its pages were read, so it cannot be passed by guessing alone.
    "quiz_requires_reading": Key(yes_no, default=True),
    # The id of a shorter course that renews this course's certificate when taken instead.
    "refresher": Key(course_id_value, default=None, example="labour-rights-refresher"),
}


def read_course_settings(yaml_text: str, path: Path, problems: list[Problem]) -> dict[str, Any] | None:
    """Parse and check course.yml; None when it cannot be parsed at all."""
    mapping = load_mapping(yaml_text, path, 1, problems)
    if mapping is None:
        return None
    settings = check_keys(mapping, COURSE_KEYS, path, problems)
    settings["languages"] = offered_languages(settings["language"], settings["languages"])
    return settings


def offered_languages(source: str | None, listed: tuple[str, ...]) -> tuple[str, ...]:
    """Put the source language first: it is always offered, whether listed or not."""
    if source is None:
        return listed
    return (source, *(code for code in listed if code != source))

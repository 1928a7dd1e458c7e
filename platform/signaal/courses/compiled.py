"""The compiled form of a course: plain, immutable objects with no Flask in them.

The compiler turns a course folder into these; publishing stores them; the
lesson and quiz views read them back. HTML fields are already sanitised.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Option:
    html: str  # inline HTML of the option text
    correct: bool


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # a key of the question-kind registry: "single" or "multiple"
    prompt_html: str  # inline HTML of the question text
    options: tuple[Option, ...]
    explanation_html: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quiz:
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Page:
    title: str  # plain text; the module title for the opening page
    html: str


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    minutes: int | None
    pages: tuple[Page, ...]
    quiz: Quiz | None


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    summary: str
    language: str  # source language
    languages: tuple[str, ...]  # offered languages, source language first
    pass_mark: int
    certificate_valid_months: int | None
    audience: str | None
    modules: tuple[Module, ...]
    # path inside the course folder (e.g. "assets/map.png") -> file bytes
    assets: dict[str, bytes] = field(default_factory=dict)
    # digest of every source file, so an unchanged course is recognised
    source_hash: str = ""

"""The compiled form of a course: plain, immutable objects with no Flask in them.

The compiler turns a course folder into these; publishing stores them; the
lesson and quiz views read them back. HTML fields are already sanitised.
"""

from __future__ import annotations

import datetime
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
    questions: tuple[Question, ...]  # the pool
    title_lang: str | None = None  # the source language when the title is not translated
    # How many questions of the pool an attempt asks (1..len(questions)); None: all of them.
    draw: int | None = None

    @property
    def asked(self) -> int:
        """How many questions one attempt asks."""
        return self.draw or len(self.questions)


@dataclass(frozen=True)
class Page:
    title: str  # plain text; the module title for the opening page
    html: str
    title_lang: str | None = None  # the source language when the title is not translated


@dataclass(frozen=True)
class Choice:
    """One thing the person can do at a step; `target` is the id of the step it leads to."""

    target: str  # from the source only: a translation cannot change where a choice leads
    label_html: str  # inline HTML of what the person does
    feedback_html: str = ""  # shown on the next page, after choosing; "" when none
    topics: tuple[str, ...] = ()  # like a question's topics; statistics group harmful choices by them


@dataclass(frozen=True)
class Step:
    """One moment of a scenario: a narrative and its choices, or, for an ending, the debrief."""

    id: str
    title: str  # plain text
    html: str  # the narrative (an ending's debrief)
    ending: str | None = None  # "good" | "acceptable" | "harmful" for an ending, which has no choices
    choices: tuple[Choice, ...] = ()
    title_lang: str | None = None  # the source language when the title is not translated


@dataclass(frozen=True)
class Scenario:
    """A `## Title {.scenario}` section: steps linked by choices; the first step is the start."""

    id: str
    title: str  # plain text
    pass_rule: str  # "good" (default), "acceptable" (good or acceptable) or "any": which endings pass
    steps: tuple[Step, ...]
    title_lang: str | None = None  # the source language when the title is not translated

    @property
    def start(self) -> Step:
        return self.steps[0]

    def step(self, step_id: str) -> Step | None:
        """The step with this id, or None (a forged or outdated id)."""
        return next((step for step in self.steps if step.id == step_id), None)

    def passes(self, ending: str | None) -> bool:
        """Whether reaching an ending of this kind completes the scenario."""
        return ending in PASSING_ENDINGS.get(self.pass_rule, ())


# Which endings each pass rule accepts (the compiler only lets these rules through).
PASSING_ENDINGS = {"good": ("good",), "acceptable": ("good", "acceptable"), "any": ("good", "acceptable", "harmful")}


@dataclass(frozen=True)
class Module:
    id: str
    title: str
    minutes: int | None
    pages: tuple[Page, ...]
    quiz: Quiz | None
    title_lang: str | None = None  # the source language when the title is not translated
    reviewed: datetime.date | None = None  # when its facts were last checked
    scenarios: tuple[Scenario, ...] = ()  # played after the pages, before the quiz


@dataclass(frozen=True)
class Contact:
    name: str
    what: str | None = None
    phone: str | None = None  # text as written, e.g. "0800 5151 (free)"; the leading number becomes a tel: link
    url: str | None = None  # always https://


@dataclass(frozen=True)
class Fact:
    name: str
    value: str
    source: str | None = None  # https:// address of the public source


@dataclass(frozen=True)
class HelpCard:
    """What to do first and whom to contact: shown after every module and as a printable card."""

    title: str
    steps: tuple[str, ...] = ()
    contacts: tuple[Contact, ...] = ()
    facts: tuple[Fact, ...] = ()
    checked: datetime.date | None = None  # when the facts were last checked


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
    # The same course in each other offered language (segments translated, structure
    # copied from the source), built when the compilation had no errors.
    translations: dict[str, Course] = field(default_factory=dict)
    # "title"/"summary"/"audience" -> the source language, for those shown untranslated
    text_langs: dict[str, str] = field(default_factory=dict)
    help_card: HelpCard | None = None  # from help-card.yml
    quick_exit: bool = False  # every page shows a "leave quickly" link
    refresher: str | None = None  # id of the course that renews this one's certificate
    # A module's quiz opens only after the participant has opened its pages.
    quiz_requires_reading: bool = True

"""The read model of published courses: each version loaded once per process, as typed objects.

A published version never changes, so every worker keeps the versions it has
served in memory, as the frozen dataclasses the compiler defines
(`compiled.Page`, `compiled.Scenario`, `compiled.Quiz`, `compiled.HelpCard`…). Lesson pages, quizzes,
grading and results read these; no code outside this loader indexes stored
JSON. Which version is live is still asked of the database on every request
(one small query, see `catalogue.live_version`), so a new publish is served by
every worker of every server at once, without a restart.

The cache lives on the app (one per process in production; one per test, whose
database is new each time, so ids can never point at another database's rows).
"""

from __future__ import annotations

import dataclasses
import datetime
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..process_cache import ProcessCache, app_cache
from . import compiled
from .models import CourseModule, CourseVersion

# Old versions are still read (results, certificates, forms opened before a publish), but rarely.
CACHED_VERSIONS = 256


@dataclass(frozen=True)
class PublishedModule:
    """One module of one published version in one language."""

    module_id: str
    language: str
    position: int
    title: str
    title_lang: str | None
    minutes: int | None
    reviewed: datetime.date | None
    pages: tuple[compiled.Page, ...]
    quiz: compiled.Quiz | None
    version: PublishedVersion = field(repr=False, compare=False)
    scenarios: tuple[compiled.Scenario, ...] = ()  # played after the pages, before the quiz

    def scenario(self, scenario_id: str) -> compiled.Scenario | None:
        """The module's scenario with this id, or None."""
        return next((scenario for scenario in self.scenarios if scenario.id == scenario_id), None)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def course_id(self) -> str:
        return self.version.course_id


@dataclass(frozen=True)
class CourseText:
    title: str
    summary: str
    title_lang: str  # the language each is written in: the source language when untranslated
    summary_lang: str
    audience: str | None = None  # whom the course is for
    audience_lang: str | None = None


@dataclass(frozen=True)
class PublishedVersion:
    id: int
    course_id: str
    number: int
    source_hash: str
    published_at: datetime.datetime
    title: str
    summary: str
    language: str  # the source language
    languages: tuple[str, ...]
    pass_mark: int
    certificate_valid_months: int | None
    audience: str | None
    quick_exit: bool
    refresher: str | None
    quiz_requires_reading: bool
    texts: dict[str, CourseText]
    help_cards: dict[str, compiled.HelpCard]
    modules_by_language: dict[str, tuple[PublishedModule, ...]] = field(repr=False, compare=False)

    def modules_in(self, language: str) -> tuple[PublishedModule, ...]:
        return self.modules_by_language.get(language, ())

    def module(self, language: str, module_id: str) -> PublishedModule | None:
        for module in self.modules_in(language):
            if module.module_id == module_id:
                return module
        return None

    def text_in(self, language: str) -> CourseText:
        """Title and summary in language (falling back to the source), with the language each is in."""
        return self.texts.get(language) or CourseText(
            self.title, self.summary, self.language, self.language, self.audience, self.language
        )

    def help_card_in(self, language: str) -> compiled.HelpCard | None:
        """The help card in language, else in the source language; None when the course has none."""
        return self.help_cards.get(language) or self.help_cards.get(self.language)


class PublishedCourses:
    """The versions this process has loaded, by id; loading one takes two queries."""

    def __init__(self, cache: ProcessCache[PublishedVersion]) -> None:
        self._cache = cache

    def get(self, version_id: int, published_at: datetime.datetime | None = None) -> PublishedVersion | None:
        """The version with this id; `published_at` (when known) guards against a replaced database."""
        found = self._cache.peek(version_id)
        if found is not None and (published_at is None or found.published_at == published_at):
            return found
        loaded = load_version(version_id)
        return self._cache.put(version_id, loaded) if loaded is not None else None


def published_courses() -> PublishedCourses:
    return PublishedCourses(app_cache("published_versions", CACHED_VERSIONS))


def load_version(version_id: int) -> PublishedVersion | None:
    """Read one version and its modules from the database into the read model."""
    row = db.session.get(CourseVersion, version_id)
    if row is None:
        return None
    module_rows = db.session.scalars(
        select(CourseModule).where(CourseModule.version_id == version_id).order_by(CourseModule.position)
    ).all()
    version = PublishedVersion(
        id=row.id,
        course_id=row.course_id,
        number=row.number,
        source_hash=row.source_hash,
        published_at=row.published_at,
        title=row.title,
        summary=row.summary,
        language=row.language,
        languages=tuple(row.languages),
        pass_mark=row.pass_mark,
        certificate_valid_months=row.certificate_valid_months,
        audience=row.audience,
        quick_exit=row.quick_exit,
        refresher=row.refresher,
        quiz_requires_reading=row.quiz_requires_reading,
        texts={
            language: _course_text(language, text, row.audience, row.language) for language, text in (row.texts or {}).items()
        },
        help_cards={language: from_record(compiled.HelpCard, card) for language, card in (row.help_cards or {}).items()},
        modules_by_language={},
    )
    by_language: dict[str, list[PublishedModule]] = {}
    for module in module_rows:
        by_language.setdefault(module.language, []).append(_module(module, version))
    version.modules_by_language.update({language: tuple(modules) for language, modules in by_language.items()})
    return version


def _course_text(language: str, text: dict, source_audience: str | None, source_language: str) -> CourseText:
    return CourseText(
        title=text["title"],
        summary=text["summary"],
        title_lang=text.get("title_lang") or language,
        summary_lang=text.get("summary_lang") or language,
        # Versions published before the audience was translated show it in the source language.
        audience=text.get("audience", source_audience),
        audience_lang=text.get("audience_lang") or (language if "audience" in text else source_language),
    )


def _module(row: CourseModule, version: PublishedVersion) -> PublishedModule:
    return PublishedModule(
        module_id=row.module_id,
        language=row.language,
        position=row.position,
        title=row.title,
        title_lang=row.title_lang,
        minutes=row.minutes,
        reviewed=row.reviewed,
        pages=tuple(from_record(compiled.Page, page) for page in row.pages),
        quiz=from_record(compiled.Quiz, row.quiz) if row.quiz else None,
        version=version,
        scenarios=tuple(from_record(compiled.Scenario, scenario) for scenario in row.scenarios or ()),
    )


def from_record(cls: type, record: dict[str, Any]) -> Any:
    """Rebuild a compiled dataclass from the JSON that publishing stored (`dataclasses.asdict`).

    Keys the dataclass no longer has are ignored and missing ones take their
    defaults, so versions published by an older Signaal still load.
    """
    hints = typing.get_type_hints(cls, vars(compiled))
    values = {
        item.name: _from_json(hints[item.name], record[item.name])
        for item in dataclasses.fields(cls)
        if item.name in record
    }
    return cls(**values)


def _from_json(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _from_json(next(a for a in arguments if a is not type(None)), value)
    if origin is tuple:
        return tuple(_from_json(arguments[0], item) for item in value)
    if dataclasses.is_dataclass(hint):
        return from_record(hint, value)
    if hint is datetime.date and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value

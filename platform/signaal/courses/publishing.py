"""Store a compiled course as a new published version, all or nothing (the caller commits)."""

from __future__ import annotations

import mimetypes
from dataclasses import asdict, dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from ..extensions import db
from . import compiled
from .compiling import compile_course
from .catalogue import version_by_id
from .published import PublishedVersion, load_version
from .help_card import help_card_record
from .problems import Problem
from .reading import read_source_files, source_hash
from .models import Course, CourseAsset, CourseModule, CourseVersion
from .signals import course_published


@dataclass
class PublishOutcome:
    course_id: str
    version: PublishedVersion | None = None
    created: bool = False  # False when the course was unchanged or had errors
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.version is None


def blocks(problems: list[Problem], strict: bool) -> bool:
    """Whether the problems stop a publish: errors always, warnings with --strict."""
    return any(p.severity == "error" or (strict and p.severity == "warning") for p in problems)


def asset_url(course_id: str, path: str) -> str:
    """Where the app serves a course asset of the live version."""
    return f"/courses/{course_id}/{path}"


def publish_course(folder: Path, *, strict: bool = False) -> PublishOutcome:
    """Check, compile and store the course in `folder` unless it is unchanged.

    With `strict`, warnings block publishing like errors do.
    """
    course_id = folder.name
    course = db.session.get(Course, course_id)
    current = course.current_version if course else None
    # Hashing the files is cheap; compiling every language is not. An unchanged
    # course was checked when it was published, so there is nothing to do.
    if current is not None and current.source_hash == source_hash(read_source_files(folder)):
        return PublishOutcome(course_id=course_id, version=version_by_id(current.id))

    # The same review period as `flask courses check`, so --strict refuses on publishing what it refuses there.
    compilation = compile_course(
        folder, asset_url=lambda path: asset_url(course_id, path), review_months=current_app.config["SIGNAAL_REVIEW_MONTHS"]
    )
    outcome = PublishOutcome(course_id=course_id, problems=compilation.problems)
    if compilation.course is None or blocks(compilation.problems, strict):
        return outcome
    source = compilation.course

    stored = _store_version(course or _new_course(source.id), source)
    db.session.flush()
    # Read back uncached: until the caller commits, this version may still be rolled back.
    outcome.version = load_version(stored.id)
    outcome.created = True
    # Listeners (learning) act in the same transaction: the caller commits all of it or
    # nothing, and the previous version stays live until then.
    course_published.send(current_app._get_current_object(), version=outcome.version)
    return outcome


def _new_course(course_id: str) -> Course:
    course = Course(id=course_id)
    db.session.add(course)
    return course


def _store_version(course: Course, source: compiled.Course) -> CourseVersion:
    built = compiled_languages(source)
    previous_number = db.session.scalar(
        select(func.max(CourseVersion.number)).where(CourseVersion.course_id == source.id)
    )
    version = CourseVersion(
        course_id=source.id,
        number=(previous_number or 0) + 1,
        source_hash=source.source_hash,
        title=source.title,
        summary=source.summary,
        language=source.language,
        # The languages participants can read this version in: those built now.
        languages=list(built),
        pass_mark=source.pass_mark,
        certificate_valid_months=source.certificate_valid_months,
        audience=source.audience,
        help_cards={language: help_card_record(c.help_card) for language, c in built.items() if c.help_card} or None,
        quick_exit=source.quick_exit,
        refresher=source.refresher,
        quiz_requires_reading=source.quiz_requires_reading,
        texts={language: _texts(translated) for language, translated in built.items() if language != source.language} or None,
    )
    for language, translated in built.items():
        version.modules.extend(_module_rows(translated, language))
    db.session.add(version)
    db.session.flush()
    for path, data in source.assets.items():
        db.session.add(
            CourseAsset(
                version_id=version.id,
                path=path,
                media_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
                data=data,
            )
        )
    course.current_version = version
    return version


def compiled_languages(source: compiled.Course) -> dict[str, compiled.Course]:
    """The course in every language that is built at publish time: the source, then its translations.

    The compiler builds only the offered languages whose translation reaches the
    course's min_coverage, so each of these is offered to participants.
    """
    return {source.language: source, **source.translations}


def _texts(translated: compiled.Course) -> dict:
    return {
        "title": translated.title,
        "summary": translated.summary,
        "audience": translated.audience,
        "title_lang": translated.text_langs.get("title"),
        "summary_lang": translated.text_langs.get("summary"),
        "audience_lang": translated.text_langs.get("audience"),
    }


def _module_rows(source: compiled.Course, language: str) -> list[CourseModule]:
    return [
        CourseModule(
            language=language,
            module_id=module.id,
            position=position,
            title=module.title,
            title_lang=module.title_lang,
            minutes=module.minutes,
            reviewed=module.reviewed,
            pages=[asdict(page) for page in module.pages],
            quiz=asdict(module.quiz) if module.quiz else None,
            scenarios=[asdict(scenario) for scenario in module.scenarios],
        )
        for position, module in enumerate(source.modules, start=1)
    ]

"""How far each language of a course is translated: for `flask courses status` and the trainer pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .course_settings import read_course_settings
from .problems import Problem
from .reading import COURSE_FILE, read_course_files
from .translating import coverage, read_language_catalog, source_texts
from .translation_catalogs import template_catalog
from .translation_markup import MarkupChecker


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    total: int  # distinct segments in the source
    translated: int  # shown translated to participants
    fuzzy: int  # a translation exists but needs checking (the source changed, or marked so)
    missing: int  # no translation yet
    broken: int  # translated, but the markup is broken (see `flask courses check`)
    min_coverage: int

    @property
    def percent(self) -> int:
        return coverage(self.translated, self.total)

    @property
    def offered(self) -> bool:
        """Whether participants can choose this language (it reaches the course's min_coverage)."""
        return self.percent >= self.min_coverage


def translation_status(folder: Path) -> list[LanguageStatus]:
    """One LanguageStatus per translated language of the course in folder (none when course.yml is unusable)."""
    problems: list[Problem] = []
    files = read_course_files(Path(folder), problems)
    settings = read_course_settings(files.course_yml, Path(folder) / COURSE_FILE, problems) if files.course_yml is not None else None
    if settings is None or not settings.get("language"):
        return []
    texts = source_texts(files)
    template = template_catalog(files)
    checker = MarkupChecker()
    statuses = []
    for language in settings["languages"][1:]:
        catalog = read_language_catalog(files, language, set(texts), checker, problems)
        fuzzy = 0
        if catalog.catalog is not None:
            # Merge as `extract` would, so a source change since the last extract counts as fuzzy.
            catalog.catalog.update(template, update_creation_date=False)
            fuzzy = sum(
                1 for text in texts
                if text not in catalog.usable and text not in catalog.broken
                and (message := catalog.catalog.get(text)) is not None and message.fuzzy and message.string
            )
        translated, broken = len(catalog.usable), len(catalog.broken)
        statuses.append(LanguageStatus(language, len(texts), translated, fuzzy, len(texts) - translated - broken - fuzzy, broken, settings["min_coverage"]))
    return statuses

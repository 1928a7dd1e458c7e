"""Published courses, stored as immutable versions.

A trainer's working copy lives in `courses/`; publishing compiles it and stores
a new `CourseVersion` with one `CourseModule` row per module and language.
Lessons are served from these rows, never compiled per request, through the
read model in published.py (each version loaded once per process). Progress and
quiz attempts refer to the stable course, module and question ids, not to these
rows, so republishing never orphans anyone's history.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db


class Course(db.Model):
    __tablename__ = "courses"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # use_alter: courses and versions point at each other.
    current_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("course_versions.id", use_alter=True, name="fk_course_current_version")
    )
    current_version: Mapped[CourseVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )


class CourseVersion(db.Model):
    __tablename__ = "course_versions"
    __table_args__ = (UniqueConstraint("course_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"), index=True)
    number: Mapped[int]
    source_hash: Mapped[str] = mapped_column(String(64))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(default="")
    language: Mapped[str] = mapped_column(String(16))
    languages: Mapped[list] = mapped_column(JSON)
    pass_mark: Mapped[int]
    certificate_valid_months: Mapped[int | None]
    audience: Mapped[str | None]
    # language -> help card (see help_card.help_card_record); None without help-card.yml
    help_cards: Mapped[dict | None] = mapped_column(JSON)
    quick_exit: Mapped[bool] = mapped_column(default=False)
    refresher: Mapped[str | None] = mapped_column(String(64))  # course id; certificates renew through it
    # A module's quiz opens once its pages were read (the course setting; off for versions from before it).
    quiz_requires_reading: Mapped[bool] = mapped_column(default=False, server_default=false())
    # language -> {"title", "summary", "title_lang", "summary_lang"} for each translated
    # language; *_lang is the source language when that text is shown untranslated.
    texts: Mapped[dict | None] = mapped_column(JSON)

    modules: Mapped[list[CourseModule]] = relationship(
        back_populates="version", order_by="CourseModule.position", cascade="all, delete-orphan"
    )


class CourseModule(db.Model):
    """One module of one version in one language, with its compiled pages, scenarios and quiz."""

    __tablename__ = "course_modules"
    __table_args__ = (UniqueConstraint("version_id", "language", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"), index=True)
    language: Mapped[str] = mapped_column(String(16))
    module_id: Mapped[str] = mapped_column(String(64))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    title_lang: Mapped[str | None] = mapped_column(String(16))  # the source language when untranslated
    minutes: Mapped[int | None]
    reviewed: Mapped[date | None]  # when its facts were last checked
    # [{"title": str, "html": str, "title_lang": str | None}, ...]
    pages: Mapped[list] = mapped_column(JSON)
    # {"title": str, "questions": [{"id", "kind", "prompt_html", "options": [{"html", "correct"}],
    #   "explanation_html", "topics"}]} or None. Answer keys stay on the server.
    quiz: Mapped[dict | None] = mapped_column(JSON)
    # [{"id", "title", "pass_rule", "title_lang", "steps": [{"id", "title", "html", "ending", "title_lang",
    #   "choices": [{"target", "label_html", "feedback_html", "topics"}]}]}]; None for versions from before scenarios.
    scenarios: Mapped[list | None] = mapped_column(JSON)

    version: Mapped[CourseVersion] = relationship(back_populates="modules")



class CourseAsset(db.Model):
    """An image or other file a published version refers to, kept with the version."""

    __tablename__ = "course_assets"
    __table_args__ = (UniqueConstraint("version_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"), index=True)
    path: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)

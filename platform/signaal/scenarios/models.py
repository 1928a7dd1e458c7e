"""The paths people take through a scenario.

A `ScenarioRun` is one attempt at one scenario: where the person is now
(`current_step`), and, once an ending is reached, which one and whether it
passes. Its `ScenarioChoice` rows are the choices made, in order. Runs are
numbered per person and scenario (`attempt`); the first attempt is what the
decision statistics count, so trying again never changes them. Like quiz
attempts, runs are keyed by the stable course, module and scenario ids, and
remember the version and language they were played in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..clock import utcnow
from ..extensions import db


class ScenarioRun(db.Model):
    __tablename__ = "scenario_runs"
    __table_args__ = (
        # Two requests starting the same attempt at once cannot both insert it.
        UniqueConstraint("user_id", "course_id", "module_id", "scenario_id", "attempt", name="uq_scenario_runs_person_attempt"),
        # Statistics read first attempts per course.
        Index("ix_scenario_runs_first", "course_id", "attempt", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id"))
    module_id: Mapped[str] = mapped_column(String(64))
    scenario_id: Mapped[str] = mapped_column(String(64))
    attempt: Mapped[int]  # 1 for the first run of this person at this scenario
    cycle: Mapped[int] = mapped_column(default=1)  # the enrolment's cycle it counts for (a restart starts the next)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_versions.id"))
    language: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    current_step: Mapped[str] = mapped_column(String(64))  # where the person is; the ending once ended
    ended_at: Mapped[datetime | None]
    ending_step: Mapped[str | None] = mapped_column(String(64))  # the ending reached
    ending: Mapped[str | None] = mapped_column(String(16))  # its kind: good | acceptable | harmful
    passed: Mapped[bool] = mapped_column(default=False)

    choices: Mapped[list[ScenarioChoice]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="ScenarioChoice.position"
    )


class ScenarioChoice(db.Model):
    __tablename__ = "scenario_choices"
    # One choice per position: a replayed form cannot add a second choice at the same point of the path.
    __table_args__ = (UniqueConstraint("run_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("scenario_runs.id"), index=True)
    position: Mapped[int]  # 1 for the run's first choice
    step_id: Mapped[str] = mapped_column(String(64))
    choice_index: Mapped[int]  # 0-based, in the order the step lists its choices
    target: Mapped[str] = mapped_column(String(64))  # the step it led to
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)

    run: Mapped[ScenarioRun] = relationship(back_populates="choices")

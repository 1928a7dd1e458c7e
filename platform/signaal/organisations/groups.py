"""Creating and changing groups, and resetting a participant's password."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..accounts.models import User
from ..accounts.session import end_all_sessions
from ..audit.log import record
from ..courses.models import Course
from ..extensions import db
from .invites import new_invite_code, new_invite_token
from .models import Group, GroupCourse, Organisation
from .passwords import hash_generated_password, temporary_password


class GroupNameTaken(ValueError):
    pass


def offered_course_ids() -> list[str]:
    """Courses that can be assigned: the published ones."""
    return list(
        db.session.scalars(select(Course.id).where(Course.current_version_id.is_not(None)).order_by(Course.id))
    )


def create_group(
    actor: User | None,
    organisation: Organisation,
    name: str,
    *,
    expires_on: date | None = None,
    course_ids: list[str] = (),
) -> Group:
    """Add a group with a fresh invite link and code; raise GroupNameTaken."""
    name = name.strip()
    taken = select(Group.id).where(Group.organisation_id == organisation.id, Group.name == name)
    if db.session.scalar(taken) is not None:
        raise GroupNameTaken(name)
    group = Group(
        organisation_id=organisation.id,
        name=name,
        invite_token=new_invite_token(),
        invite_code=new_invite_code(),
        expires_on=expires_on,
    )
    group.courses = [GroupCourse(course_id=course_id) for course_id in course_ids]
    db.session.add(group)
    db.session.flush()
    record(actor, "group.create", f"group:{group.id}", organisation=organisation.id, name=name)
    db.session.flush()
    return group


def update_group(actor: User, group: Group, *, expires_on: date | None, course_ids: list[str]) -> None:
    """Set the invitation's last day and the assigned courses."""
    group.expires_on = expires_on
    keep = set(course_ids)
    group.courses = [a for a in group.courses if a.course_id in keep] + [
        GroupCourse(course_id=course_id) for course_id in sorted(keep - set(group.course_ids))
    ]
    record(actor, "group.update", f"group:{group.id}", expires_on=str(expires_on or ""), courses=sorted(keep))
    db.session.flush()


def renew_invitation(actor: User, group: Group) -> None:
    """Replace the link and the code, e.g. after a code was shared too widely."""
    group.invite_token = new_invite_token()
    group.invite_code = new_invite_code()
    record(actor, "group.renew-invitation", f"group:{group.id}")
    db.session.flush()


def reset_password(actor: User, participant: User) -> str:
    """Give the participant a new one-time password and return it (to show once).

    Every session of the participant ends, and at the next sign-in they choose their own.
    """
    password = temporary_password()
    participant.password_hash = hash_generated_password(password)
    participant.must_change_password = True
    end_all_sessions(participant)
    record(actor, "account.reset-password", f"user:{participant.id}")
    db.session.flush()
    return password

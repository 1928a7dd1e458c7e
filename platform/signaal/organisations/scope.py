"""Whose data a person may see: the one place that answers it for every domain."""

from __future__ import annotations

from sqlalchemy import select

from ..accounts.models import Role, User
from ..extensions import db
from .models import Membership


def organisation_ids_of(user: User) -> set[int]:
    return set(db.session.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id)))


def coordinates(coordinator: User, participant: User) -> bool:
    """True for an admin, or a coordinator who shares an organisation with the participant."""
    if coordinator.has_role(Role.ADMIN):
        return True
    if not coordinator.has_role(Role.COORDINATOR):
        return False
    return bool(organisation_ids_of(coordinator) & organisation_ids_of(participant))

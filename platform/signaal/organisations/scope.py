"""Whose data a person may see: the one place that answers it for every domain.

Every management and statistics view reaches organisations, groups and people
through the `*_or_404` functions here, so an id changed in a URL or a form
finds nothing outside the person's own organisations.
"""

from __future__ import annotations

from flask import abort
from sqlalchemy import Row, Select, select

from ..accounts.models import Role, User
from ..extensions import db
from .models import Group, Membership, Organisation


def organisation_ids_of(user: User) -> set[int]:
    return set(db.session.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id)))


def coordinates(coordinator: User, participant: User) -> bool:
    """True for an admin, or a coordinator who shares an organisation with the participant."""
    if coordinator.has_role(Role.ADMIN):
        return True
    if not coordinator.has_role(Role.COORDINATOR):
        return False
    return bool(organisation_ids_of(coordinator) & organisation_ids_of(participant))


def managed_organisations(user: User) -> list[Organisation]:
    """The organisations the user manages: all for an admin, their own for a coordinator."""
    statement = select(Organisation).order_by(Organisation.name)
    if not user.has_role(Role.ADMIN):
        if not user.has_role(Role.COORDINATOR):
            return []
        statement = statement.join(Membership, Membership.organisation_id == Organisation.id).where(
            Membership.user_id == user.id
        )
    return list(db.session.scalars(statement))


def manages(user: User, organisation_id: int) -> bool:
    if user.has_role(Role.ADMIN):
        return True
    return user.has_role(Role.COORDINATOR) and organisation_id in organisation_ids_of(user)


def organisation_or_404(user: User, organisation_id: int) -> Organisation:
    """The organisation if the user manages it; "not found" otherwise, so ids reveal nothing."""
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None or not manages(user, organisation.id):
        abort(404)
    return organisation


def group_or_404(user: User, group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None or not manages(user, group.organisation_id):
        abort(404)
    return group


def member_or_404(organisation: Organisation, user_id: int) -> User:
    """A participant who is a member of the organisation (never a coordinator or an admin)."""
    person = db.session.scalar(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            User.id == user_id,
            User.role == Role.PARTICIPANT.value,
            Membership.organisation_id == organisation.id,
        )
    )
    if person is None:
        abort(404)
    return person


def groups_of(organisation_ids: list[int] | None) -> list[Group]:
    """Groups of these organisations (None: of every organisation), by name."""
    return list(db.session.scalars(_of_organisations(select(Group), organisation_ids)))


def group_names_of(organisation_ids: list[int] | None) -> list[Row]:
    """(id, organisation_id, name) of the groups of these organisations, by name: for choosers.

    A region's organisations have hundreds of groups each; rows are a fraction
    of the cost of loading them as objects on every statistics page.
    """
    return list(db.session.execute(_of_organisations(select(Group.id, Group.organisation_id, Group.name), organisation_ids)))


def _of_organisations(statement: Select, organisation_ids: list[int] | None) -> Select:
    statement = statement.order_by(Group.name, Group.id)
    if organisation_ids is not None:
        statement = statement.where(Group.organisation_id.in_(organisation_ids))
    return statement

"""Whose figures a statistics page shows: an organisation, a group, or everything (admins).

The scope is named in the URL (`?scope=org-3`, `group-7`, `mine`, `all`) and
checked on every request against the person asking: a scope they may not see
is "not found". A scope that spans several organisations turns on small-cell
suppression.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import Role, User
from ..extensions import db
from ..organisations.models import Group, GroupMember, Membership, Organisation
from ..organisations.scope import group_names_of, managed_organisations, manages
from ..security import whole_number


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    organisation_ids: tuple[int, ...] | None  # None: every organisation
    group_id: int | None = None

    @property
    def spans_organisations(self) -> bool:
        return self.group_id is None and (self.organisation_ids is None or len(self.organisation_ids) > 1)

    @property
    def single_organisation_id(self) -> int | None:
        if self.organisation_ids is not None and len(self.organisation_ids) == 1:
            return self.organisation_ids[0]
        return None

    def people(self):
        """SELECT of the ids of the participants in scope."""
        participant = User.role == Role.PARTICIPANT.value
        members = self.members()
        if members is None:
            return select(User.id).where(participant)
        return members.join(User, User.id == members.selected_columns[0]).where(participant)

    def members(self):
        """SELECT of the ids of the scope's group or organisations' members, whatever their role; None: everyone.

        For a query that joins the people anyway and says the role there itself.
        """
        if self.group_id is not None:
            return select(GroupMember.user_id).where(GroupMember.group_id == self.group_id)
        if self.organisation_ids is not None:
            return select(Membership.user_id).where(Membership.organisation_id.in_(self.organisation_ids))
        return None

    def group_conditions(self, group: type[Group] = Group) -> list:
        """WHERE conditions on a joined Group that keep the groups in scope.

        A condition on the joined groups table, not `group_id IN (…)`: next to
        `user_id IN (…)`, SQLite would otherwise probe every group × person pair.
        """
        if self.group_id is not None:
            return [group.id == self.group_id]
        if self.organisation_ids is not None:
            return [group.organisation_id.in_(self.organisation_ids)]
        return []

    def groups(self):
        """SELECT of the ids of the groups in scope."""
        if self.group_id is not None:
            return select(Group.id).where(Group.id == self.group_id)
        if self.organisation_ids is not None:
            return select(Group.id).where(Group.organisation_id.in_(self.organisation_ids))
        return select(Group.id)


def scope_choices(user: User, current: Scope | None = None) -> list[Scope]:
    """Every scope the person may look at, widest first.

    Groups are listed for the organisation being looked at (or, for a
    coordinator, for their few organisations): across a region of thousands
    of groups, an administrator picks the organisation first.
    """
    organisations = managed_organisations(user)
    choices = []
    if user.has_role(Role.ADMIN):
        choices.append(Scope("all", _("All organisations"), None))
    elif len(organisations) > 1:
        choices.append(Scope("mine", _("All my organisations"), tuple(o.id for o in organisations)))
    names = {o.id: o.name for o in organisations}
    choices += [Scope(f"org-{o.id}", o.name, (o.id,)) for o in organisations]
    if current is not None and current.organisation_ids is not None and len(current.organisation_ids) == 1:
        group_organisations = list(current.organisation_ids)
    else:
        group_organisations = [] if user.has_role(Role.ADMIN) else list(names)
    choices += [
        Scope(f"group-{g.id}", f"{names.get(g.organisation_id, '')} · {g.name}", (g.organisation_id,), g.id)
        for g in group_names_of(group_organisations)
    ]
    return choices


def scope_for(user: User, key: str | None) -> Scope | None:
    """The scope named by key (default: the widest), or 404 if the person may not see it.

    None when the person has nothing to look at yet (a coordinator without organisation).
    """
    if not key:
        choices = scope_choices(user)
        return choices[0] if choices else None
    kind, _sep, number = key.partition("-")
    if key == "all" and user.has_role(Role.ADMIN):
        return Scope("all", _("All organisations"), None)
    if key == "mine" and user.has_role(Role.COORDINATOR):
        organisations = managed_organisations(user)
        if organisations:
            return Scope("mine", _("All my organisations"), tuple(o.id for o in organisations))
    if kind == "org" and whole_number(number):
        organisation = db.session.get(Organisation, whole_number(number))
        if organisation is not None and manages(user, organisation.id):
            return Scope(key, organisation.name, (organisation.id,))
    if kind == "group" and whole_number(number):
        group = db.session.get(Group, whole_number(number))
        if group is not None and manages(user, group.organisation_id):
            return Scope(key, f"{group.organisation.name} · {group.name}", (group.organisation_id,), group.id)
    abort(404)

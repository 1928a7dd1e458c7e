"""Invitations to a group: a long link token and a short code, and joining with them."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import User
from ..clock import today
from ..extensions import db
from .models import Group, GroupMember, Membership

# No 0/O, 1/I/L or 5/S: a code copied from a whiteboard or read aloud survives.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
CODE_LENGTH = 8
_NOT_CODE_CHARACTERS = re.compile(r"[\s\-.]")


class InviteNotFound(LookupError):
    pass


class InviteExpired(LookupError):
    pass


def new_invite_token() -> str:
    return secrets.token_urlsafe(32)


def new_invite_code() -> str:
    """A short random code that no group uses yet."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(select(Group.id).where(Group.invite_code == code)) is None:
            return code


def normalise_code(typed: str) -> str:
    """Uppercase, without the spaces and hyphens people add when they copy a code."""
    return _NOT_CODE_CHARACTERS.sub("", typed or "").upper()


def display_code(code: str) -> str:
    """ABCD-EFGH: easier to read aloud and to copy."""
    return f"{code[:4]}-{code[4:]}"


def _usable(group: Group | None) -> Group:
    if group is None:
        raise InviteNotFound
    if group.expired(today()):
        raise InviteExpired
    return group


def group_for_code(typed: str) -> Group:
    """The group with this invite code; raise InviteNotFound or InviteExpired."""
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH:
        raise InviteNotFound
    return _usable(db.session.scalar(select(Group).where(Group.invite_code == code)))


def group_for_token(token: str) -> Group:
    """The group with this invite link token; raise InviteNotFound or InviteExpired."""
    if not 16 <= len(token) <= 64:
        raise InviteNotFound
    return _usable(db.session.scalar(select(Group).where(Group.invite_token == token)))


def is_member(user: User, group: Group) -> bool:
    return (
        db.session.scalar(
            select(GroupMember.id).where(GroupMember.group_id == group.id, GroupMember.user_id == user.id)
        )
        is not None
    )


def join_group(user: User, group: Group) -> bool:
    """Make the user a member of the group and its organisation; False if they already were."""
    joined = _add_once(GroupMember, group_id=group.id, user_id=user.id)
    _add_once(Membership, organisation_id=group.organisation_id, user_id=user.id)
    db.session.flush()
    return joined


def _add_once(model, **keys) -> bool:
    if db.session.scalar(select(model.id).filter_by(**keys)) is not None:
        return False
    try:
        # Two clicks at once: the unique constraint keeps one row, the other is not an error.
        with db.session.begin_nested():
            db.session.add(model(**keys))
    except IntegrityError:
        return False
    return True

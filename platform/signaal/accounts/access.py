"""Who may open what: one decorator for role-restricted views."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from .models import Role


def roles_required(*roles: Role):
    """Allow the view only to signed-in users with one of the roles; others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorator

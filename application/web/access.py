"""View decorators that ask what the signed-in account may do."""
import functools

from flask import abort
from flask_login import current_user, login_required


def viewer():
    """Return the signed-in account (or the visitor) itself for services: the proxy costs a lookup per use."""
    return current_user._get_current_object()


def permission_required(permission):
    """Decorate a view: visitors go to the login page, accounts without the permission get 403."""
    def decorate(view):
        @functools.wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if not current_user.can(permission):
                abort(403, description="Your account's role does not allow this page.")
            return view(*args, **kwargs)
        return guarded
    return decorate

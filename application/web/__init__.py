"""The HTML side: blueprints that turn requests into service calls and outcomes into pages."""
from flask import request

from . import account, admin, auth, converters, courses, enrollment, home, posts, staff, templating, users
from .requests import only_form_bodies

BLUEPRINTS = (home, auth, account, courses, enrollment, posts, users, staff, admin)


def register(app):
    """Add the URL converters, the blueprints and the template helpers to the app."""
    converters.register(app)
    for module in BLUEPRINTS:
        app.register_blueprint(module.bp)
    templating.register(app)
    app.before_request(_only_form_bodies_on_pages)


PAGE_BLUEPRINTS = frozenset(module.bp.name for module in BLUEPRINTS)


def _only_form_bodies_on_pages():
    """Apply the HTML pages' body rule to the pages' own routes (to a POST: only a POST carries a body)."""
    if request.method == "POST" and request.blueprint in PAGE_BLUEPRINTS:
        return only_form_bodies()
    return None

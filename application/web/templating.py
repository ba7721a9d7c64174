"""Template filters and globals."""
from datetime import datetime, timezone

import functools
import hashlib
from pathlib import Path

from flask import current_app, request, url_for
from flask_login import current_user
from jinja2 import BytecodeCache
from markupsafe import Markup

from ..accounts.roles import Permission, oversees
from ..core.clock import as_utc
from ..core.wording import counted, ordinal
from ..core.stamps import kept
from ..notices.services import unread_for


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for the process, so every app made in it compiles each page once."""

    def __init__(self):
        self.store = {}

    def load_bytecode(self, bucket):
        """Fill the bucket from the store (Jinja checks the source checksum itself)."""
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        """Keep the bucket's compiled code."""
        self.store[bucket.key] = bucket.bytecode_to_string()


COMPILED = CompiledTemplates()


def timeago(value, now=None):
    """Return "just now", "5 minutes ago", "3 days ago" or a date for older times."""
    if not isinstance(value, datetime):
        return ""
    now = now or datetime.now(timezone.utc)
    seconds = int((now - as_utc(value)).total_seconds())
    if seconds < 45:
        return "just now"
    for unit, size, limit in (("minute", 60, 3600), ("hour", 3600, 86400), ("day", 86400, 86400 * 30)):
        if seconds < limit:
            return f"{counted(max(1, round(seconds / size)), unit)} ago"
    return value.strftime("%b %d, %Y")


def isodate(value):
    """Return an ISO-8601 UTC timestamp for a datetime attribute."""
    if not isinstance(value, datetime):
        return ""
    return as_utc(value).isoformat(timespec="seconds")


def page_url(number):
    """Return the current URL with ?page=number (other arguments kept)."""
    args = dict(request.view_args or {})
    args.update({k: v for k, v in request.args.items() if k != "page"})
    if number > 1:
        args["page"] = number
    return url_for(request.endpoint, **args)


_ASSET_URLS = {}


@functools.lru_cache(maxsize=256)
def _digest(path, modified):
    """Return a short hash of a file's content (keyed by its modification time too)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def asset(filename):
    """Return the URL of a static file with a version of its content, so it can be cached for a year."""
    app = current_app._get_current_object()
    # the files change only while a developer works on them (debug), so other servers read them once
    modified = Path(app.static_folder, filename).stat().st_mtime_ns if app.debug else 0
    key = (app.static_folder, request.script_root, filename, modified)
    url = _ASSET_URLS.get(key)
    if url is None:
        path = Path(app.static_folder) / filename
        url = _ASSET_URLS[key] = url_for("static", filename=filename, v=_digest(str(path), path.stat().st_mtime_ns))
    return url


def fragment(template_name, **context):
    """Return a template rendered from `context` alone, kept under a digest of it: for a part of a page that
    shows nothing else (no viewer, no form), such as a student's week."""
    key = "fragment:" + hashlib.sha1(repr((template_name, sorted(context.items()))).encode()).hexdigest()
    return Markup(kept(key, lambda: current_app.jinja_env.get_template(template_name).render(**context)))


def my_notices():
    """Return the signed-in user's unread notices (and mark them read: a page shows each once)."""
    if not current_user.is_authenticated:
        return []
    return unread_for(current_user._get_current_object())


def can(permission, course=None):
    """Return whether the signed-in account holds the permission (over `course`, when given)."""
    if course is None:
        return current_user.can(permission)
    return oversees(current_user, course, permission)


def register(app):
    """Add filters and globals to the app's Jinja environment."""
    app.jinja_env.filters["timeago"] = timeago
    app.jinja_env.filters["isodate"] = isodate
    app.jinja_env.filters["counted"] = counted
    app.jinja_env.filters["ordinal"] = ordinal
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["asset"] = asset
    app.jinja_env.globals["fragment"] = fragment
    app.jinja_env.globals["my_notices"] = my_notices
    app.jinja_env.globals["Permission"] = Permission
    app.jinja_env.globals["can"] = can

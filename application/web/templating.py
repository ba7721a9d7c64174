"""Template filters and globals."""
import functools
from contextlib import contextmanager
import hashlib
import secrets
import time
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app, g, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2 import BytecodeCache
from markupsafe import Markup

from ..accounts.roles import Permission, oversees
from ..core.clock import as_utc
from ..core.stamps import digest, kept
from ..core.wording import counted, ordinal
from ..enrollment.schedule import week
from ..notices.services import unread_for

# what a kept fragment holds where a form's CSRF token goes; each page puts the viewer's own token there
TOKEN_HOLE = f"csrf-{secrets.token_hex(16)}"
BYTES_HOLE = TOKEN_HOLE.encode()


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
    """Return the current URL with ?page=number (other arguments kept, `page` last)."""
    base = g.get("page_url_base")
    if base is None:
        args = dict(request.view_args or {})
        args.update({k: v for k, v in request.args.items() if k != "page"})
        base = g.page_url_base = url_for(request.endpoint, **args)
    return page_link(base, number)


def page_link(base, number):
    """Return the URL of page `number` of a list whose first page is at `base`."""
    if number <= 1:
        return base
    return f"{base}{'&' if '?' in base else '?'}page={number}"


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
    shows nothing else, such as a course's card or a student's week.

    Its forms get the viewer's own CSRF token: the kept HTML holds a placeholder in its place.
    """
    def render():
        with token_holes():
            return current_app.jinja_env.get_template(template_name).render(**context)

    return Markup(with_viewer_token(kept("fragment:" + digest((template_name, sorted(context.items()))), render)))


@contextmanager
def token_holes():
    """Within the block, forms get the placeholder where the viewer's CSRF token goes (for HTML that is kept)."""
    outer, g.token_hole = g.get("token_hole", False), True
    try:
        yield
    finally:
        g.token_hole = outer


def with_viewer_token(html):
    """Return kept HTML with the viewer's own CSRF token wherever its forms hold the placeholder."""
    return html.replace(TOKEN_HOLE, csrf_token()) if TOKEN_HOLE in html else html


def split_at_token_holes(html):
    """Return UTF-8 HTML cut where its forms hold the placeholder: (pieces), for filled_in."""
    return tuple(html.encode().split(BYTES_HOLE))


def filled_in(pieces):
    """Return the UTF-8 page made of split_at_token_holes' pieces, with the viewer's own CSRF token in each hole."""
    return pieces[0] if len(pieces) == 1 else csrf_token().encode().join(pieces)


def holds_a_token(html):
    """Return True when html holds this request's own signed CSRF token (so it must not be kept for others)."""
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return bool(token) and token in html


def csrf_token():
    """Return the CSRF token a form carries (the placeholder while a kept fragment is rendered)."""
    here = g._get_current_object()
    if getattr(here, "token_hole", False):
        return TOKEN_HOLE
    token = getattr(here, "form_token", None)
    if token is None:
        token = here.form_token = signed_form_token()
    return token


TOKEN_REUSE_SECONDS = 60  # how long a process hands out the same signature of a session's token
_SIGNED = {}  # (secret, the session's raw token) -> (its signed form, when it was signed)
SIGNED_MAX = 20_000


def signed_form_token():
    """Return the request's signed CSRF token (Flask-WTF's), signing a session's raw token once a minute per process.

    Signing costs as much as a database read; the same signature is as valid a minute later.
    """
    app, here = current_app._get_current_object(), g._get_current_object()
    field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    token = getattr(here, field, None)
    if token is not None:
        return token
    secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    raw, now = session.get(field), time.monotonic()
    held = _SIGNED.get((secret, raw)) if isinstance(raw, str) else None
    if held is not None and now - held[1] < TOKEN_REUSE_SECONDS:
        setattr(here, field, held[0])
        return held[0]
    token = generate_csrf()
    if len(_SIGNED) >= SIGNED_MAX:
        _SIGNED.clear()
    _SIGNED[(secret, session.get(field))] = (token, now)
    return token


def pick(mapping, *names):
    """Return {name: mapping[name]} for the names it holds: what a fragment shows of a row."""
    return {name: mapping[name] for name in names if name in mapping}


def my_notices():
    """Return the signed-in user's unread notices (and mark them read: a page shows each once)."""
    if not current_user.is_authenticated:
        return []
    return unread_for(current_user._get_current_object())


NAV_POWERS = (Permission.ENROLL, Permission.TEACH, Permission.MANAGE_COURSES, Permission.MANAGE_USERS,
              Permission.ADMIN)


def nav_powers():
    """Return the names of the permissions the navigation asks about that the signed-in account holds."""
    viewer = current_user._get_current_object()
    return tuple(power.name for power in NAV_POWERS if viewer.can(power))


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
    app.jinja_env.filters["pick"] = pick
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["page_link"] = page_link
    app.jinja_env.globals["asset"] = asset
    app.jinja_env.globals["fragment"] = fragment
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.jinja_env.globals["my_notices"] = my_notices
    app.jinja_env.globals["nav_powers"] = nav_powers
    app.jinja_env.globals["week_of"] = week
    app.jinja_env.globals["Permission"] = Permission
    app.jinja_env.globals["can"] = can

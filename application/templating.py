"""Template filters and globals."""
from datetime import datetime, timezone

from flask import request, url_for

from .forms import ConfirmForm


def timeago(value, now=None):
    """Return "just now", "5 minutes ago", "3 days ago" or a date for older times."""
    if not isinstance(value, datetime):
        return ""
    now = now or datetime.now(timezone.utc)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    seconds = int((now - value).total_seconds())
    if seconds < 45:
        return "just now"
    for unit, size in (("minute", 60), ("hour", 3600), ("day", 86400)):
        limit = {"minute": 3600, "hour": 86400, "day": 86400 * 30}[unit]
        if seconds < limit:
            count = max(1, round(seconds / size))
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return value.strftime("%b %d, %Y")


def isodate(value):
    """Return an ISO-8601 UTC timestamp for a datetime attribute."""
    if not isinstance(value, datetime):
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat(timespec="seconds")


def page_url(number):
    """Return the current URL with ?page=number (other arguments kept)."""
    args = dict(request.view_args or {})
    args.update({k: v for k, v in request.args.items() if k != "page"})
    if number > 1:
        args["page"] = number
    return url_for(request.endpoint, **args)


def register(app):
    """Add filters and globals to the app's Jinja environment."""
    app.jinja_env.filters["timeago"] = timeago
    app.jinja_env.filters["isodate"] = isodate
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["logout_form"] = ConfirmForm

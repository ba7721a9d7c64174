"""What the HTML pages accept from a request: form bodies, page numbers, same-site return paths."""
import hashlib
import time
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, request, session
from flask_login import current_user

from ..core.paging import parse_page_number
from ..core.stamps import digest, kept
from .templating import filled_in, holds_a_token, split_at_token_holes, token_holes

SAFE_NEXT_MAX = 2000


def only_form_bodies():
    """Refuse a POST whose body is JSON or carries files: every HTML form posts plain text fields."""
    if request.method != "POST":
        return None
    if "chunked" in request.headers.get("Transfer-Encoding", "").lower():
        abort(411, description="Send the form with a Content-Length: pages take no chunked bodies.")
    if request.is_json:
        abort(415, description="This page takes a form, not JSON.")
    if request.mimetype not in ("", "application/x-www-form-urlencoded", "multipart/form-data"):
        abort(415, description="This page takes a form (application/x-www-form-urlencoded).")
    if request.files:
        abort(400, description="This form takes no files.")
    return None


def public_page(response):
    """Give a visitor's page an ETag and answer 304 when the browser already has it.

    Only pages without personal content qualify: a signed-in viewer's page holds their name and
    CSRF token. Browsers revalidate every time (no-cache), and the answer varies with the cookie.
    """
    if current_user.is_authenticated or request.method != "GET" or response.status_code != 200:
        return response
    kept_etag = g.pop("kept_page_etag", None)
    if kept_etag:
        response.set_etag(kept_etag)
    else:
        response.add_etag()
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Cookie")
    if "If-None-Match" not in request.headers and "If-Modified-Since" not in request.headers:
        return response  # nothing to compare: a first visit
    return response.make_conditional(request)


def kept_page(basis, render, times=False):
    """Return the page render() makes (as UTF-8 bytes), kept under a digest of the URL, the viewer and `basis`.

    `basis` is all the page shows that the URL and the viewer's account do not tell, read fresh for
    this request (a service's `basis`), so nothing shown is ever old: a page is made once per distinct
    basis and then only looked up. The viewer counts as their account's stored document (name, role,
    confirmation), and the kept HTML holds a placeholder where each viewer's CSRF token goes. A page
    with a message to flash or a notice to show, a viewer whose account this request did not read,
    and debug mode (templates change as they are edited) are rendered every time. A visitor's page
    keeps its ETag with it. A page that shows `times` relative to now ("5 minutes ago") is made
    again each minute.
    """
    viewer, here = current_user._get_current_object(), g._get_current_object()  # each proxy looked up once
    who = getattr(viewer, "stored_digest", None) if viewer.is_authenticated else "visitor"
    if who is None or current_app.debug or getattr(viewer, "unread_notices", 0) or session.get("_flashes"):
        return render()

    def make():
        with token_holes():
            html = render()
        return split_at_token_holes(html), hashlib.sha1(html.encode()).hexdigest(), holds_a_token(html)

    minute = int(time.time() // 60) if times else None
    pieces, here.kept_page_etag, _ = kept("page:" + digest((request.full_path, who, basis, minute)), make,
                                          keep=lambda made: not made[2])
    return filled_in(pieces)


def requested_page(name="page"):
    """Return the 1-based page number of ?page= (the service layer's rule decides what is valid)."""
    return parse_page_number(request.args.get(name))


def is_safe_next(target):
    """Return True when target is a path on this site (no other host, scheme or trick)."""
    if not target or not isinstance(target, str) or len(target) > SAFE_NEXT_MAX:
        return False
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def back_to(target, default):
    """Redirect to target when it is a path on this site, else to default."""
    return redirect(target if is_safe_next(target) else default)

"""What the HTML pages accept from a request: form bodies, page numbers, same-site return paths."""
import hashlib
from urllib.parse import urlsplit

from flask import abort, g, redirect, request, session
from flask_login import current_user

from ..core.paging import parse_page_number
from ..core.stamps import digest, kept

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
    response.cache_control.no_cache = True
    response.vary.add("Cookie")
    return response.make_conditional(request)


def rendered_for_visitors(content, render):
    """Return render(), kept for visitors under a digest of the URL and `content`: everything the page shows.

    A signed-in viewer's page (their name, their CSRF token) and a page with a message to flash are
    rendered every time. The content is read fresh for each request, so nothing shown is ever old;
    only the work of turning the same content into HTML again is saved. The page's ETag is kept with it.
    """
    if current_user.is_authenticated or session.get("_flashes"):
        return render()
    html, g.kept_page_etag = kept("visitor-page:" + digest((request.full_path, content)), lambda: _with_etag(render()))
    return html


def _with_etag(html):
    """Return (html, its ETag): the digest of its bytes."""
    return html, hashlib.sha1(html.encode()).hexdigest()


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

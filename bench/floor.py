"""The floor: the site's own handling of a request (session, account, security headers) around a page
that does no work at all, served by the same gunicorn settings and data as the site.

It tells what share of the bare page's rate any page of the site can reach at best.
"""
from flask_login import current_user

from main import app

BODY = "x" * 20_000  # about the size of a catalog page


@app.get("/__bench/constant")
def constant():
    """Answer a constant page after loading the viewer, as every page does."""
    return BODY if current_user.is_authenticated else BODY[:-1]

"""Security headers on every response, and HTTPS only in production.

The headers depend on the configuration alone, so they are built once when the app is made and
each response only copies them (the registration-opening peak makes per-request work count).
"""
from flask import current_app, redirect, request

PERMISSIONS_POLICY = "browsing-topics=()"
HSTS_MAX_AGE = 31536000


def allow_http(view):
    """Mark a view that answers over plain HTTP in production too (the router's health check)."""
    view.allows_http = True
    return view


def policy_header(policy):
    """Return a Content-Security-Policy value from {directive: source or [sources]}."""
    return "; ".join(f"{directive} {value if isinstance(value, str) else ' '.join(value)}"
                     for directive, value in policy.items())


class SecurityHeaders:
    """Adds the same headers to every response; with `https`, sends plain-HTTP requests to HTTPS and adds HSTS."""

    def __init__(self):
        self.headers = ()
        self.https = False

    def init_app(self, app, content_security_policy, https=False, frame_options="DENY",
                 referrer_policy="same-origin"):
        """Build the headers for this app and register the hooks that apply them."""
        self.https = https
        self.headers = (
            ("Permissions-Policy", PERMISSIONS_POLICY),
            ("X-Frame-Options", frame_options),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", policy_header(content_security_policy)),
            ("Referrer-Policy", referrer_policy),
        )
        self.hsts = ("Strict-Transport-Security", f"max-age={HSTS_MAX_AGE}; includeSubDomains")
        if https:
            app.before_request(self._https_only)
        app.after_request(self._add_headers)

    @staticmethod
    def _is_secure():
        """Return True when the request came over HTTPS (directly or through the router)."""
        return request.is_secure or request.headers.get("X-Forwarded-Proto", "http") == "https"

    def _https_only(self):
        """Redirect a plain-HTTP request to the same URL over HTTPS, unless its view allows HTTP."""
        view = current_app.view_functions.get(request.endpoint)
        if current_app.debug or getattr(view, "allows_http", False) or self._is_secure():
            return None
        if request.url.startswith("http://"):
            return redirect("https://" + request.url[len("http://"):], code=302)
        return None

    def _add_headers(self, response):
        """Put the prepared headers on the response, in place of any a view set."""
        headers = response.headers
        present = {name.lower() for name, _ in headers.items()}
        for name, value in self.headers:
            if name.lower() in present:
                headers[name] = value
            else:
                headers.add(name, value)
        if self.https and self._is_secure():
            headers[self.hsts[0]] = self.hsts[1]
        return response

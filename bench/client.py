"""A small HTTP client for the harness: cookies, CSRF tokens, forms; 127.0.0.1 only."""
import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
# one browser name for the sign-in and for the load generator that reuses its cookie: a session is
# bound to the browser that signed in, and a different one would be treated as a new browser
USER_AGENT = "enrollment-bench/1"


class Browser:
    """One visitor: a cookie jar, and the last page's CSRF token."""

    def __init__(self, base):
        if not base.startswith("http://127.0.0.1:"):
            raise ValueError("the harness only talks to 127.0.0.1")
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.addheaders = [("User-Agent", USER_AGENT)]
        self.token = None

    def get(self, path):
        """GET a page; return (status, text) and remember its CSRF token."""
        return self._send(urllib.request.Request(self.base + path))

    def post(self, path, fields):
        """POST a form with the current CSRF token; return (status, text) after redirects."""
        body = urllib.parse.urlencode({**fields, "csrf_token": self.token or ""}).encode()
        return self._send(urllib.request.Request(self.base + path, data=body, method="POST"))

    def post_json(self, path, payload, token=None):
        """POST JSON (with a bearer token when given); return (status, parsed body)."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        status, text = self._send(urllib.request.Request(self.base + path, data=json.dumps(payload).encode(),
                                                         headers=headers, method="POST"))
        return status, json.loads(text or "null")

    def cookie_header(self):
        """Return the Cookie header a signed-in load generator sends."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)

    def headers(self):
        """Return the headers a load generator sends to be this browser: its cookies and its name."""
        return (f"Cookie: {self.cookie_header()}", f"User-Agent: {USER_AGENT}")

    def _send(self, request):
        try:
            with self.opener.open(request, timeout=60) as response:
                text = response.read().decode("utf-8", "replace")
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode("utf-8", "replace"), error.code
        found = TOKEN.search(text)
        if found:
            self.token = found.group(1)
        return status, text

    def sign_in(self, email, password):
        """Sign in through the login form; return the seconds it took."""
        self.get("/login")
        started = time.perf_counter()
        status, text = self.post("/login", {"email": email, "password": password})
        if status != 200 or "Welcome back" not in text:
            raise RuntimeError(f"sign-in of {email} failed with {status}")
        return time.perf_counter() - started

"""Shared fixtures: app, client, runner, auth helper, small factories, round-trip counter."""
import os
import re
import sys
from pathlib import Path
from datetime import datetime, timedelta, timezone

import pytest

from application import create_app, database
from application.accounts.services import create_user
from application.courses.models import Course
from application.courses.terms import catalog_changed
from application.discussion.models import Post
from application.documents import DOCUMENTS
from application.embedded.engine import EmbeddedCollection
from config import TestingConfig

REAL_SERVER = bool(os.environ.get("TEST_MONGO_URI"))
ROOT_DATA = Path(__file__).resolve().parent.parent / "data"
PASSWORD = "correct-horse-9"


def make_config(**overrides):
    """Return a TestingConfig object with overrides."""
    config = TestingConfig()
    for key, value in overrides.items():
        setattr(config, key, value)
    return config


@pytest.fixture
def config_overrides():
    """Override in a test module to change the app's config."""
    return {}


@pytest.fixture
def app(config_overrides):
    """A fresh app on a fresh, empty database (a new connection; other apps made in the test share it).

    No app context is held open here: a request would reuse it, and with it `g` and the
    signed-in user of an earlier request.
    """
    database.disconnect()
    app = create_app(make_config(**config_overrides))
    yield app
    if REAL_SERVER:
        for doc in DOCUMENTS:
            doc._get_collection().delete_many({})
    database.disconnect()


FAST_METHOD = "pbkdf2:sha256:1"


@pytest.fixture(autouse=True)
def fast_password_hashing(request, monkeypatch):
    """Hash test passwords cheaply (scrypt costs ~0.15 s a hash here); tests of hashing itself opt out."""
    if "real_password_hashing" in request.keywords:
        return
    from werkzeug.security import generate_password_hash

    from application.accounts import passwords

    monkeypatch.setattr(passwords, "make_hash", lambda pw: generate_password_hash(pw, method=FAST_METHOD))
    monkeypatch.setattr(passwords, "current_method", lambda: FAST_METHOD)


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()


class Factory:
    """Small helpers that create documents with sensible defaults."""

    def __init__(self):
        self.count = 0

    def user(self, email=None, password=PASSWORD, role="student", first_name="Test", last_name="User"):
        """Create a user through the real account service."""
        self.count += 1
        email = email or f"user{self.count}@example.edu"
        return create_user(email, password, first_name, last_name, role=role)

    def course(self, course_id="CS101", term="Fall 2026", capacity=30, credits=3, title=None, description=None,
               **extra):
        """Create a course."""
        course = Course(courseID=course_id, title=title or f"Course {course_id}",
                        description=description or f"About {course_id}",
                        credits=credits, term=term, capacity=capacity, **extra)
        course.save()
        catalog_changed()  # as the staff services do after every course they write
        return course

    def enroll(self, user, course):
        """Enroll through the real seat logic."""
        from application.enrollment.seats import enroll

        return enroll(user.user_id, course.courseID)

    def post(self, user, course, title="Hello", body="First post", minutes_ago=0):
        """Create a post at a given age."""
        when = datetime.now(timezone.utc) - timedelta(minutes=minutes_ago)
        return Post(courseID=course.courseID, user_id=user.user_id, title=title, body=body,
                    created_at=when, updated_at=when).save()


@pytest.fixture
def make(app):
    """The document factory."""
    return Factory()


class AuthActions:
    """Log a test client in and out."""

    def __init__(self, client):
        self.client = client

    def login(self, email, password=PASSWORD, **extra):
        """Post the login form."""
        return self.client.post("/login", data={"email": email, "password": password, **extra})

    def logout(self):
        """Post the logout form."""
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    """The auth helper for the client."""
    return AuthActions(client)


@pytest.fixture
def api(client):
    """The JSON API helper for the client (bearer tokens, no session)."""
    from tests.api_support import ApiActions

    return ApiActions(client)


@pytest.fixture
def clock(monkeypatch):
    """Moves the time API tokens and mailed links are issued and checked at (no sleeping)."""
    from tests.api_support import Clock

    return Clock(monkeypatch)


@pytest.fixture
def busy_switching():
    """Let threads switch as often as possible, so that any non-atomic step shows."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(previous)


@pytest.fixture
def csrf_app(app):
    """The app with CSRF checks on, as a server runs it (the same database as `app`)."""
    return create_app(make_config(WTF_CSRF_ENABLED=True))


FORM_TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def signed_in_browser(csrf_app, email, password=PASSWORD):
    """Return a test client of a CSRF-checking app, signed in through the login form with its token."""
    client = csrf_app.test_client()
    token = FORM_TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"email": email, "password": password, "csrf_token": token})
    return client


@pytest.fixture
def mailbox():
    """A real SMTP server on a free local port; a module points the app at it with `mailbox.config()`."""
    from tests.mailbox import Mailbox

    box = Mailbox().start()
    yield box
    box.stop()


@pytest.fixture
def student(make, auth):
    """A signed-in student."""
    user = make.user(email="student@example.edu", first_name="Sam", last_name="Student")
    auth.login(user.email)
    return user


class RoundTrips:
    """Counts the database calls made through the embedded store's collections."""

    METHODS = ("find", "find_one", "aggregate", "insert_one", "insert_many", "update_one", "update_many",
               "replace_one", "delete_one", "delete_many", "find_one_and_update", "count_documents", "distinct")

    def __init__(self, monkeypatch):
        self.calls = []
        self.depth = 0  # the embedded store runs $lookup with nested finds: only outermost calls are trips
        for name in self.METHODS:
            original = getattr(EmbeddedCollection, name)
            monkeypatch.setattr(EmbeddedCollection, name, self._wrap(name, original))

    def _wrap(self, name, original):
        def counted(collection, *args, **kwargs):
            if self.depth == 0:
                self.calls.append((collection.name, name))
            self.depth += 1
            try:
                return original(collection, *args, **kwargs)
            finally:
                self.depth -= 1

        return counted

    def reset(self):
        """Forget the calls seen so far."""
        self.calls.clear()

    @property
    def count(self):
        """Return how many calls were made."""
        return len(self.calls)


@pytest.fixture
def round_trips(monkeypatch):
    """Count database round trips (mongomock only)."""
    if REAL_SERVER:
        pytest.skip("round trips are counted on the embedded store")
    return RoundTrips(monkeypatch)


class DocumentsRead:
    """Counts the documents the embedded store hands out (what a page materializes), read or read again."""

    def __init__(self, monkeypatch):
        self.count = 0
        original = EmbeddedCollection._copy_only_fields

        def counted(collection, *args, **kwargs):
            self.count += 1
            return original(collection, *args, **kwargs)

        monkeypatch.setattr(EmbeddedCollection, "_copy_only_fields", counted)
        again = EmbeddedCollection._copies_again

        def counted_again(kept):
            copies = again(kept)
            self.count += len(copies)
            return copies

        monkeypatch.setattr(EmbeddedCollection, "_copies_again", staticmethod(counted_again))

    def during(self, work):
        """Return how many documents work() read."""
        self.count = 0
        work()
        return self.count


@pytest.fixture
def documents_read(monkeypatch):
    """Count the documents read from the embedded store (mongomock only)."""
    if REAL_SERVER:
        pytest.skip("documents read are counted on the embedded store")
    return DocumentsRead(monkeypatch)


def pytest_configure(config):
    """Register the markers."""
    config.addinivalue_line("markers", "real_mongo: needs a real MongoDB server (TEST_MONGO_URI)")
    config.addinivalue_line("markers", "e2e: drives a real browser against a running server")
    config.addinivalue_line("markers", "real_password_hashing: hash with the production method, not the fast one")


def pytest_collection_modifyitems(config, items):
    """Skip real-server tests when no TEST_MONGO_URI is set."""
    skip = pytest.mark.skip(reason="set TEST_MONGO_URI to run tests against a real MongoDB server")
    for item in items:
        if "real_mongo" in item.keywords and not REAL_SERVER:
            item.add_marker(skip)



"""Stamps: counters in the database that change whenever shared data changes, so caches never serve old text.

A cache entry built from the catalog carries the catalog stamp in its key. Every write through the
app that changes what the catalog shows (a course, a term, a load by `flask seed`) touches the
stamp, so the next page view on any dyno reads a new stamp and builds the entry again. Writes that
bypass the app (mongoimport) are picked up when the entry expires (`CACHE_SECONDS`).
A request reads each stamp, and each cached value, once. Each process also keeps the values it read
from the cache in hand for a few seconds (LOCAL_SECONDS), so a hot page does not unpickle them on
every request: a value kept is shared, and nobody changes one.
"""
import hashlib
import pickle
import threading
import time

from flask import current_app, g, has_app_context

from ..extensions import cache, db
from .store import collection_of

CATALOG = "catalog"


class Stamp(db.Document):
    """One named counter."""

    name = db.StringField(primary_key=True, max_length=40)
    n = db.IntField(default=0)

    meta = {"collection": "stamp"}


def _memo():
    """Return this request's stamps and cached values already read (a fresh dict outside an app context)."""
    if not has_app_context():
        return {}
    here = g._get_current_object()  # one lookup of the context-local, not one per use
    memo = getattr(here, "stamps", None)
    if memo is None:
        memo = here.stamps = {}
    return memo


def read(name):
    """Return the stamp's current value (0 before its first touch), reading it once per request."""
    memo = _memo()
    if name not in memo:
        doc = collection_of(Stamp).find_one({"_id": name}, projection={"n": 1})
        memo[name] = doc["n"] if doc else 0
    return memo[name]


def touch(name):
    """Advance the stamp, so every entry cached under its old value is built again."""
    collection_of(Stamp).update_one({"_id": name}, {"$inc": {"n": 1}}, upsert=True)
    _memo().pop(name, None)


def cached(name, key, build, keep=None):
    """Return build() kept in the cache under `key` and the stamp's current value, building it on a miss.

    `keep(value)` may refuse to keep a value built from data that changed while it was read.
    """
    full_key = f"{name}:{read(name)}:{key}"
    memo = _memo()
    if full_key not in memo:
        memo[full_key] = kept(full_key, build, keep)
    return memo[full_key]


def digest(value):
    """Return a digest that differs whenever value does (for keys of content): of its pickle, or of its repr."""
    try:
        data = pickle.dumps(value, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):
        data = repr(value).encode()
    return hashlib.sha1(data).hexdigest()


LOCAL_SECONDS = 5  # how long a process keeps a value in hand (at most the cache's own timeout)
LOCAL_MAX = 4096  # values a process keeps in hand; past that it starts afresh
_LOCAL_LOCK = threading.Lock()


def kept(key, build, keep=None):
    """Return the cache's value under key, or build() it and keep it there (unless `keep(value)` says no)."""
    app = current_app._get_current_object() if has_app_context() else None
    local = app.extensions.setdefault("kept-in-process", {}) if app is not None else None
    now = time.monotonic()
    held = local.get(key) if local is not None else None
    if held is not None and held[0] > now:
        return held[1]
    value = cache.get(key)
    if value is None:
        value = build()
        if keep is not None and not keep(value):
            return value
        cache.set(key, value)
    if local is not None:
        seconds = min(LOCAL_SECONDS, app.config["CACHE_DEFAULT_TIMEOUT"])
        with _LOCAL_LOCK:
            if len(local) >= LOCAL_MAX:
                local.clear()
            local[key] = (now + seconds, value)
    return value

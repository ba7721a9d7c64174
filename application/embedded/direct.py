"""Copies of stored documents made without the engine's general machinery, when they are plain.

A projection of top-level fields only (or none) over a document of dicts, lists and immutable
values is copied here as the engine copies it: every dict and list anew, the immutable values
shared, the fields in the engine's order (with an inclusion projection the engine puts `_id`
last). Any other projection, and any document holding a value of another type, is the engine's.
"""
from datetime import datetime
from decimal import Decimal

from bson import Decimal128, ObjectId
from bson.int64 import Int64

IMMUTABLE = frozenset((str, int, float, bool, type(None), datetime, ObjectId, Int64, Decimal128, Decimal, bytes))


class Unusual(Exception):
    """A document holds a value the direct copy does not know: the engine copies it."""


def copied(value):
    """Return a copy of a stored value: new dicts and lists, the same immutable values."""
    kind = type(value)
    if kind is dict:
        return {key: item if type(item) in IMMUTABLE else copied(item) for key, item in value.items()}
    if kind is list:
        return [copied(item) for item in value]
    if kind in IMMUTABLE:
        return value
    raise Unusual(kind)


class Projection:
    """A projection of top-level fields: which to keep or drop, and whether `_id` comes along."""

    def __init__(self, include, fields, with_id):
        self.include, self.fields, self.with_id = include, fields, with_id

    def apply(self, document):
        """Return the projected copy of a stored document."""
        if self.include:
            kept = {key: copied(value) for key, value in document.items() if key in self.fields}
            if self.with_id and "_id" in document:
                kept["_id"] = document["_id"]
            return kept
        return {key: copied(value) for key, value in document.items()
                if key not in self.fields and (self.with_id or key != "_id")}


EVERYTHING = Projection(False, frozenset(), True)


_KNOWN = {}  # projection items -> Projection or None: the app uses a few dozen projections
KNOWN_MAX = 512


def plain_projection(projection):
    """Return the Projection of None, {} or {field: 0 | 1, ...} on top-level fields; None for any other kind."""
    if projection is None:
        return EVERYTHING
    if type(projection) is not dict:
        return None
    try:
        key = tuple(projection.items())
        return _KNOWN[key]
    except TypeError:  # an operator's argument (a dict) in the projection
        return None
    except KeyError:
        shape = _shape(projection)
        if len(_KNOWN) < KNOWN_MAX:
            _KNOWN[key] = shape
        return shape


def _shape(projection):
    """Work out the Projection of a dict projection (see plain_projection)."""
    if not projection:
        return EVERYTHING
    with_id, flags = True, set()
    for field, flag in projection.items():
        if type(field) is not str or "." in field or field.startswith("$") or type(flag) not in (int, bool) \
                or flag not in (0, 1):
            return None
        if field == "_id":
            with_id = bool(flag)
        else:
            flags.add(bool(flag))
    if len(flags) > 1:
        return None  # mixing inclusion and exclusion: the engine gives the error
    include = flags == {True} or not flags and with_id
    fields = frozenset(field for field in projection if field != "_id")
    return Projection(include, fields, with_id)


class Kept:
    """Documents a read found, kept apart from every caller, and copied again for each later caller."""

    __slots__ = ("documents", "flat")

    def __init__(self, documents):
        self.documents = [copied(document) for document in documents]
        self.flat = all(type(value) in IMMUTABLE for document in self.documents for value in document.values())

    def copies(self):
        """Return new copies (a shallow copy is a whole one when every value is immutable)."""
        if self.flat:
            return [dict(document) for document in self.documents]
        return [copied(document) for document in self.documents]

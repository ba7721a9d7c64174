"""Document objects kept per process and handed out as copies, so a hot read does not build them again.

MongoEngine builds a document object field by field from its stored form (about 60 µs for an
account, on every signed-in request). `Held` keeps, per key, the stored form last read and the
object built from it: a request that reads the very same stored form gets a copy of that object
(a few µs), which is its own to change; any difference in the stored form builds a new one.
Only documents whose fields hold immutable values are copied so; others are built every time.
"""
import functools
import threading
from datetime import datetime

from bson import ObjectId

IMMUTABLE = (str, int, float, bool, type(None), datetime, ObjectId)
HELD_MAX = 20_000  # objects a process keeps; past that it starts afresh


def copy_document(document):
    """Return an independent copy of a MongoEngine document object, or None when a field holds a
    mutable value (a list, a dict, an embedded document) that a shallow copy would share."""
    data = document._data
    for value in data.values():
        if type(value) not in IMMUTABLE:
            return None
    cls = type(document)
    slots, displays = _plan(document)
    copy = object.__new__(cls)
    try:
        for name in slots:
            object.__setattr__(copy, name, getattr(document, name))
    except AttributeError:  # an object made otherwise than the class's others: it is built anew
        _PLANS.pop(cls, None)
        return None
    object.__setattr__(copy, "_data", dict(data))
    object.__setattr__(copy, "_changed_fields", [])
    # the instance dict holds `_cls`, plain attributes and get_<field>_display helpers bound to the
    # original: the helpers are made again for the copy, as MongoEngine makes them on __init__
    attributes = copy.__dict__
    attributes.update(document.__dict__)
    for name, field in displays:
        attributes[name] = functools.partial(copy._BaseDocument__get_field_display, field=field)
    return copy


SLOTS = ("_initialised", "_created", "_dynamic_fields", "_auto_id_field", "_db_field_map")
_PLANS = {}  # class -> (the slots its objects hold, its get_<field>_display helpers)


def _plan(document):
    """Return the slots to copy from a document and the (name, field) of its display helpers, worked out once
    per class (from the first object: every object the class builds from a stored document holds the same)."""
    cls = type(document)
    plan = _PLANS.get(cls)
    if plan is None:
        slots = tuple(name for name in SLOTS if hasattr(document, name))
        displays = tuple((f"get_{name}_display", field) for name, field in cls._fields.items() if field.choices)
        plan = _PLANS[cls] = (slots, displays)
    return plan


class Held:
    """Objects built from stored documents, per key, handed out as copies while the stored form is the same."""

    def __init__(self, limit=HELD_MAX):
        self.limit = limit
        self.objects = {}
        self.lock = threading.Lock()

    def object_for(self, key, stored, build):
        """Return a copy of the object built from `stored` under key, or build(stored) and hold it."""
        held = self.objects.get(key)
        if held is not None and held[0] == stored:
            copy = copy_document(held[1])
            if copy is not None:
                return copy
        built = build(stored)
        with self.lock:
            if len(self.objects) >= self.limit:
                self.objects.clear()
            self.objects[key] = (dict(stored), built)  # never handed out itself, so no request changes it
        return copy_document(built) or build(stored)

    def clear(self):
        """Forget every held object."""
        with self.lock:
            self.objects.clear()

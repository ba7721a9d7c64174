"""Equality indexes for the in-memory store: which documents hold a value in an indexed field.

The engine answers every query by testing every document of the collection (about 10 µs each),
and checks a unique index on insert the same way. These indexes only narrow the documents the
engine then tests itself, so what matches is still decided by the engine: a bucket may hold more
than the answer (never less). They cover top-level fields named in the collection's declared
indexes, as MongoDB's own indexes would serve them.
"""
from collections import defaultdict
from datetime import datetime

from bson import ObjectId

SCALARS = (str, int, float, ObjectId, type(None))  # values whose == and hash agree with MongoDB's equality
NOTHING = object()


def usable(value):
    """Return True when an index can answer equality with this filter value (not NaN, not a date)."""
    return isinstance(value, SCALARS) and not isinstance(value, datetime) and value == value


class EqualityIndex:
    """Buckets of document ids per (field, value), in the collection's natural order."""

    def __init__(self, fields, documents):
        self.fields = frozenset(fields)
        self.source = documents  # the engine's document table this index describes
        self.buckets = {field: defaultdict(dict) for field in self.fields}
        self.anywhere = {field: {} for field in self.fields}  # documents whose value no bucket can hold
        self.filed = {}  # document id -> (position in natural order, [(field, value)] it is filed under)
        self.next_position = 0
        self.stale = 0  # deletions since the index was built
        for document in documents.values():
            self.add(document)

    def add(self, document):
        """File one document under the values of its indexed fields (each element of an array)."""
        doc_id, keys = document["_id"], []
        for field in self.fields:
            value = document.get(field)
            for item in value if isinstance(value, list) else [value]:
                if usable(item):
                    self.buckets[field][item][doc_id] = None
                    keys.append((field, item))
                else:
                    self.anywhere[field][doc_id] = None
                    keys.append((field, NOTHING))
        self.filed[doc_id] = (self.next_position, keys)
        self.next_position += 1

    def remove(self, doc_id):
        """Forget a document."""
        _, keys = self.filed.pop(doc_id, (None, ()))
        for field, value in keys:
            if value is NOTHING:
                self.anywhere[field].pop(doc_id, None)
            else:
                self.buckets[field][value].pop(doc_id, None)

    def candidates(self, query):
        """Return the ids, in natural order, that may match query; None when no indexed field narrows it."""
        best = None
        for field, condition in query.items():
            if field not in self.fields:
                continue
            values = self._equal_values(condition)
            if values is None:
                continue
            ids = {}
            for value in values:
                ids.update(self.buckets[field].get(value, {}))
            ids.update(self.anywhere[field])
            if best is None or len(ids) < len(best):
                best = ids
        if best is None:
            return None
        return sorted(best, key=lambda doc_id: self.filed[doc_id][0])

    @staticmethod
    def _equal_values(condition):
        """Return the values a condition requires equality with, or None when it is another test."""
        if isinstance(condition, dict):
            if len(condition) != 1:
                return None
            operator, operand = next(iter(condition.items()))
            if operator == "$eq" and usable(operand):
                return [operand]
            if operator == "$in" and isinstance(operand, list) and all(usable(v) for v in operand):
                return operand
            return None
        return [condition] if usable(condition) else None

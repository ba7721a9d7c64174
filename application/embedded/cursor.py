"""The engine's cursor, handing out each result once.

The engine's own cursor slices the remaining results at every step (reading n documents costs
n²/2 copies); this one hands each result out directly, and a cursor read from its start with no
skip or limit hands all its results over at once. Plain reads (see engine.py) get a cursor made
without the engine's preparation of the filter, which only rewrites dates (a plain read holds none).
"""
import functools

from mongomock_ng.collection import Cursor, _cast_document_class


class EmbeddedCursor(Cursor):
    """The engine's cursor, handing out each result without copying the rest."""

    @classmethod
    def plain(cls, collection, query, projection, quick, key):
        """Return a cursor for a plain read: its filter holds no dates, its conditions are quick.py's
        (`quick`, or None when they are to be worked out), `key` its read_key."""
        cursor = cls.__new__(cls)
        cursor.collection = collection
        cursor._spec, cursor._sort, cursor._projection = query, None, projection
        cursor._skip, cursor._limit, cursor._collation, cursor.session = 0, None, None, None
        cursor._results = cursor._factory_last_generated_results = None
        cursor._factory = functools.partial(collection._plain_dataset, query, projection, quick, key)
        cursor.rewind()
        return cursor

    def __next__(self):
        results = self._results
        if not results or self._factory_last_generated_results is not self._factory:
            results = self._compute_results()
        position = (self._skip or 0) + self._emitted
        if (self._limit and self._emitted >= abs(self._limit)) or position >= len(results):
            raise StopIteration
        self._emitted += 1
        return _cast_document_class(results[position], self.collection.codec_options.document_class)

    next = __next__

    def __iter__(self):
        """Iterate; a cursor read from its start with no skip or limit hands its results over in one go."""
        if self._emitted or self._skip or self._limit or self.collection.codec_options.document_class is not dict:
            return self
        results = self._compute_results()
        self._emitted = len(results)
        return iter(results)

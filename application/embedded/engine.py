"""The engine's client, databases and collections, adapted where the app relies on MongoDB's behaviour.

Nothing in the engine's own code changes; these subclasses add four things (and a cursor that
reads each result once):

* **atomic writes** (writes.py) — each write runs alone, as every single-document write does on
  MongoDB (the engine reads, changes and stores a document in separate Python steps, so two
  threads could otherwise both take the last seat of a course with the same conditional update);
* **equality indexes** (equality.py) that narrow which documents the engine tests for a query
  or for a unique index on insert, kept current by the writes;
* **pipelines run as MongoDB runs them** (pipeline.py): a leading `$match` (with the `$sort`,
  `$skip`, `$limit` after it) is one indexed find, and a `$lookup` reads only the foreign
  documents it joins, instead of the engine copying the whole collection first;
* **plain reads handed out directly**: a find without a sort whose every condition quick.py
  decides and an index narrows is answered from the index's documents, copied by direct.py
  when they are plain, without the engine's cursor building and re-filtering the results.
"""
import mongomock_ng
from mongomock_ng.collection import Collection
from mongomock_ng.command_cursor import CommandCursor
from mongomock_ng.database import Database
from mongomock_ng.filtering import filter_applies
from pymongo.errors import DuplicateKeyError

from .cursor import EmbeddedCursor
from .direct import Kept, Unusual, plain_projection
from .equality import EqualityIndex, usable
from .quick import quick_conditions, read_key, surely_matches
from .remembered import forget_all, remembered, remembered_count
from .writes import (_INDEXES, _READS, DELETES, FIELD_WRITES, ONE_WRITE_AT_A_TIME, OTHER_WRITES, forget, recent_reads,
                     serial, written)

READS_MAX = 4096  # plain reads a collection remembers between writes; past that it starts afresh


def indexed_fields(store):
    """Return "_id" and the top-level field each declared index starts with."""
    fields = {"_id"}
    for index in store.indexes.values():
        first = index["key"][0][0]
        if "." not in first:
            fields.add(first)
    return frozenset(fields)


class EmbeddedCollection(Collection):
    """An engine collection with atomic writes, equality indexes and MongoDB-like pipelines."""

    locals().update({name: serial(getattr(Collection, name))
                     for name in ("insert_one", "insert_many", *FIELD_WRITES, *DELETES, *OTHER_WRITES)})

    def find(self, filter=None, projection=None, *args, **kwargs):
        """Find as the engine does, through a cursor that reads each result once."""
        if not args and not kwargs and type(filter) is dict:
            key = read_key(filter, projection)
            reads = _READS.get(self._store)
            if reads is not None and key in reads:  # asked before: a plain read
                return EmbeddedCursor.plain(self, filter, projection, None, key)
            quick = quick_conditions(filter)
            if quick:
                return EmbeddedCursor.plain(self, filter, projection, quick, key)
        cursor = super().find(filter, projection, *args, **kwargs)
        cursor.__class__ = EmbeddedCursor
        return cursor

    def find_one(self, filter=None, *args, **kwargs):
        """Find one document: a plain read straight from the index, any other as the engine does."""
        if not args and kwargs.keys() <= {"projection"} and type(filter) is dict and self._plain_codec():
            found = self._plain_read(filter, kwargs.get("projection"))
            if found is not None:
                return found[0] if found else None
        return super().find_one(filter, *args, **kwargs)

    def _get_dataset(self, spec, sort, fields, as_class):
        """Hand out a plain read's documents straight from the index; any other read as the engine does."""
        found = None if sort or as_class is not dict else self._plain_read(spec, fields)
        if found is None:
            return super()._get_dataset(spec, sort, fields, as_class)
        return iter(found)

    def _plain_dataset(self, query, projection, quick, key):
        """Hand out a plain cursor's documents (see EmbeddedCursor.plain)."""
        found = self._plain_read(query, projection, quick, key)
        if found is None:
            return super()._get_dataset(query, None, projection, dict)
        return iter(found)

    def _plain_read(self, query, projection, quick=None, key=None):
        """Return the copies a plain read hands out in natural order, or None when the engine must answer.

        The copies are made between writes, so none catches a document half-written by another thread.
        Between writes the same read is answered from copies of its last results (`key`: read_key).
        """
        if type(query) is not dict:
            return None
        key = read_key(query, projection) if key is None else key
        # what a read found is never changed once kept, and a write first drops it: looking it up needs no lock
        reads = _READS.get(self._store)
        held = reads.get(key) if reads is not None else None
        if held is not None:
            return self._copies_again(held)
        with ONE_WRITE_AT_A_TIME:
            reads = recent_reads(self._store)
            quick = quick_conditions(query) if quick is None else quick
            if quick is None or plain_projection(projection) is None:
                return None
            ids = self._candidate_ids(query)
            if ids is None:
                return None
            live = (document for document in map(self._store._documents.get, ids) if document is not None)
            found = [self._copy_only_fields(document, projection, dict) for document in live
                     if surely_matches(document, quick) or filter_applies(query, document)]
            if reads is not None:
                try:
                    kept = Kept(found)
                except Unusual:
                    return found
                if len(reads) >= READS_MAX:
                    reads.clear()
                reads[key] = kept
            return found

    @staticmethod
    def _copies_again(kept):
        """Return copies of the documents a plain read found before (handed out again, as _copy_only_fields
        hands out each document read)."""
        return kept.copies()

    def _plain_codec(self):
        """Return True when documents are handed out as plain dicts with naive datetimes (the app's settings)."""
        options = self.codec_options
        return options.document_class is dict and not options.tz_aware

    def _copy_only_fields(self, doc, fields, container, filter=None):
        """Copy a document as the engine does: a plain one with a plain projection directly (direct.py)."""
        projection = plain_projection(fields) if container is dict else None
        if projection is not None:
            try:
                return projection.apply(doc)
            except Unusual:
                pass
        return super()._copy_only_fields(doc, fields, container, filter=filter)

    def _insert(self, data, session=None, ordered=True, validate=True):
        """Insert as the engine does (every insert and upsert comes here), then file the new document."""
        result = super()._insert(data, session=session, ordered=ordered, validate=validate)
        written(self._store)
        if isinstance(data, dict):
            index = _INDEXES.get(self._store)
            table = self._store._documents
            if index is not None and index.source is table:
                if isinstance(data["_id"], dict):
                    forget(self._store)
                else:
                    index.add(table[data["_id"]])
        return result

    def with_options(self, *args, **kwargs):
        """Return the collection with other options, still adapted."""
        return adopt(super().with_options(*args, **kwargs), EmbeddedCollection)

    def aggregate(self, pipeline, session=None, **kwargs):
        """Run a pipeline as MongoDB does: start from an indexed find, join only what is needed; between
        writes to what it reads, hand out copies of its last rows (remembered.py)."""
        from .pipeline import run_pipeline

        pipeline = list(pipeline)
        return CommandCursor(remembered(self, pipeline, lambda: list(run_pipeline(self, pipeline))))

    def count_documents(self, filter, *args, **kwargs):
        """Count as the engine does; a plain filter's count is kept until the collection is written."""
        if args or kwargs or type(filter) is not dict:
            return super().count_documents(filter, *args, **kwargs)
        return remembered_count(self, filter, lambda: super(EmbeddedCollection, self).count_documents(filter))

    def equality_index(self):
        """Return the collection's current equality index, building it when it is missing or stale."""
        store = self._store
        index = _INDEXES.get(store)
        if index is None or index.source is not store._documents or index.fields != indexed_fields(store):
            with ONE_WRITE_AT_A_TIME:
                index = _INDEXES[store] = EqualityIndex(indexed_fields(store), store._documents)
        return index

    def _candidate_ids(self, query):
        """Return the ids that may match query in natural order, or None when no index narrows it."""
        if not isinstance(query, dict):
            return None
        index = self.equality_index()
        with ONE_WRITE_AT_A_TIME:
            return index.candidates(query)

    def _iter_documents(self, filter):
        """Test only the documents an equality index leaves (the engine still decides what matches)."""
        ids = self._candidate_ids(filter)
        if ids is None:
            return super()._iter_documents(filter)
        filter_applies(filter, {})  # the engine's own check of the filter's form
        documents = [document for document in map(self._store._documents.get, ids) if document is not None]
        quick = quick_conditions(filter)
        if quick:
            return (document for document in documents
                    if surely_matches(document, quick) or filter_applies(filter, document))
        return (document for document in documents if filter_applies(filter, document))

    def _ensure_uniques(self, new_data):
        """Check unique indexes against the documents sharing the new document's first key only."""
        index = self.equality_index()
        for spec in self._store.indexes.values():
            if not spec.get("unique"):
                continue
            first = spec["key"][0][0]
            value = new_data.get(first)
            if first not in index.fields or "." in first or not usable(value) or spec.get("partialFilterExpression"):
                return super()._ensure_uniques(new_data)
            new_entries = self._compute_index_entries(new_data, spec["key"], spec.get("sparse"))
            if new_entries is None:
                continue
            table = self._store._documents
            for doc_id in index.candidates({first: value}) or ():
                document = table.get(doc_id)
                if document is None or doc_id == new_data.get("_id"):
                    continue
                entries = self._compute_index_entries(document, spec["key"], spec.get("sparse"))
                if entries is not None and self._entries_overlap(new_entries, entries):
                    raise DuplicateKeyError("E11000 Duplicate Key Error", 11000, {
                        "keyPattern": dict(spec["key"]),
                        "keyValue": {field: new_data.get(field) for field, _ in spec["key"]},
                    })
        return None


class EmbeddedDatabase(Database):
    """An engine database that hands out EmbeddedCollections."""

    def get_collection(self, *args, **kwargs):
        """Return the named collection."""
        return adopt(super().get_collection(*args, **kwargs), EmbeddedCollection)

    def drop_collection(self, *args, **kwargs):
        """Drop a collection, and with it every equality index of this database."""
        with ONE_WRITE_AT_A_TIME:
            _INDEXES.clear()
            _READS.clear()
            forget_all()
            return super().drop_collection(*args, **kwargs)


class EmbeddedClient(mongomock_ng.MongoClient):
    """The engine's client, handing out EmbeddedDatabases (MongoEngine's `mongo_client_class`)."""

    def get_database(self, *args, **kwargs):
        """Return the named database."""
        return adopt(super().get_database(*args, **kwargs), EmbeddedDatabase)


def adopt(obj, adapter):
    """Give an engine object its adapter class (the adapters add methods only, no state)."""
    if type(obj) is adapter.__bases__[0]:
        obj.__class__ = adapter
    return obj

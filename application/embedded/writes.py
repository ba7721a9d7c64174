"""Writes on the embedded store: each runs alone, and keeps the collection's equality index true.

The engine reads, changes and stores a document in separate Python steps, so two threads could
otherwise both take the last seat of a course with the same conditional update; every write of an
adapted collection goes through `serial`, as every single-document write is atomic on MongoDB.
"""
import functools
import threading
import weakref

ONE_WRITE_AT_A_TIME = threading.RLock()
_INDEXES = weakref.WeakKeyDictionary()  # the engine's collection store -> its EqualityIndex
_READS = weakref.WeakKeyDictionary()  # the engine's collection store -> {plain read: its results} since its last write
FIELD_WRITES = ("update_one", "update_many", "find_one_and_update")
DELETES = ("delete_one", "delete_many", "find_one_and_delete")
OTHER_WRITES = ("replace_one", "find_one_and_replace", "bulk_write", "drop", "create_index", "create_indexes",
                "drop_index", "drop_indexes")
STALE_LIMIT = 1000  # deleted documents an index may still name before it is built again


def forget(store):
    """Drop a collection's equality index; the next read builds it again."""
    _INDEXES.pop(store, None)


_WRITING = [0]  # writes in progress (in the one thread that holds the lock)


_VERSIONS = weakref.WeakKeyDictionary()  # the engine's collection store -> how many writes it has seen


def written(store):
    """Note that a collection was written to: forget the results of its plain reads, count the write."""
    _READS.pop(store, None)
    _VERSIONS[store] = _VERSIONS.get(store, 0) + 1


def version_of(store):
    """Return how many writes a collection has seen (an unchanged count: unchanged documents)."""
    return _VERSIONS.get(store, 0)


def writing():
    """Return True while a write runs in the thread that holds the lock."""
    return bool(_WRITING[0])


def recent_reads(store):
    """Return the collection's {plain read: results} since its last write, or None while a write runs (the
    engine reads within its writes, and those reads see the write half done). The caller holds the lock."""
    if _WRITING[0]:
        return None
    reads = _READS.get(store)
    if reads is None:
        reads = _READS[store] = {}
    return reads


def _touched_fields(update):
    """Return the top-level fields an update document changes, or None for a replacement or pipeline."""
    if not isinstance(update, dict) or not all(key.startswith("$") for key in update):
        return None
    return {name.split(".")[0] for fields in update.values() if isinstance(fields, dict) for name in fields}


def serial(method):
    """Run a write alone, then keep the collection's equality index true to it."""
    name = method.__name__

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with ONE_WRITE_AT_A_TIME:
            store = self._store
            written(store)
            _WRITING[0] += 1
            try:
                result = method(self, *args, **kwargs)
            except BaseException:
                forget(store)
                raise
            finally:
                _WRITING[0] -= 1
            _after_write(store, name, args, kwargs)
            return result

    return run


def _after_write(store, name, args, kwargs):
    """Keep a collection's equality index true to a write it did not follow itself.

    Inserts file themselves (`_insert`); a deleted document a bucket still names is harmless (the
    table no longer holds it) until there are many; an update that may move documents between
    buckets, and anything else, drops the index.
    """
    index = _INDEXES.get(store)
    if index is None or name in ("insert_one", "insert_many"):
        return
    if name in DELETES:
        index.stale += 1
        if index.stale > STALE_LIMIT:
            forget(store)
        return
    if name in FIELD_WRITES:
        touched = _touched_fields(args[1] if len(args) > 1 else kwargs.get("update"))
        if touched is not None and not touched & index.fields:
            return
    forget(store)

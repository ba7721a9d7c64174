"""Pipelines answered again from their last results while no collection they read was written.

A page asks the same pipelines again and again (a course with its instructor, a board with its
authors, a student's schedule), and between two writes their results are the same. Each result is
kept with the write counts of every collection the pipeline reads (its own, and each `$lookup`,
`$graphLookup` and `$unionWith` source); a later run with the same stages and the same counts gets
copies of it. A result is kept only when no write happened while it was worked out. Pipelines that
write (`$out`, `$merge`) or whose answer changes by itself (`$$NOW`, `$sample`, `$rand`, functions)
always run.
"""
import threading
import weakref

from .direct import Kept, Unusual
from .writes import ONE_WRITE_AT_A_TIME, version_of, writing

UNSTABLE = frozenset(("$out", "$merge", "$sample", "$rand", "$function", "$accumulator", "$where", "$documents",
                      "$currentOp", "$listSessions", "$indexStats", "$collStats", "$changeStream"))
UNSTABLE_VARIABLES = ("$$NOW", "$$CLUSTER_TIME")
KEPT_MAX = 2048  # results a process keeps; past that it starts afresh
_KEPT = {}  # (id of the collection's store, the pipeline as written) -> (store, the sources' write counts, Kept)
_LOCK = threading.Lock()


def sources(pipeline):
    """Return the names of the other collections a pipeline reads, or None when its result must not be kept."""
    names = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in UNSTABLE:
                    return False
                if key in ("$lookup", "$graphLookup") and isinstance(item, dict):
                    names.add(item.get("from"))
                if key == "$unionWith":
                    names.add(item if isinstance(item, str) else item.get("coll") if isinstance(item, dict) else None)
                if not walk(item):
                    return False
            return True
        if isinstance(value, (list, tuple)):
            return all(walk(item) for item in value)
        return not (isinstance(value, str) and value.startswith(UNSTABLE_VARIABLES))

    if not walk(pipeline) or not all(isinstance(name, str) and name for name in names):
        return None
    return sorted(names)


def _counts(collection, names):
    """Return the write counts (and identities) of a collection and of the named collections of its database."""
    stores = [collection._store] + [collection._db_store[name] for name in names]
    return tuple((id(store), version_of(store)) for store in stores)


_SOURCES = {}  # a pipeline as written -> sources(pipeline)


def remembered(collection, pipeline, run, written_as=None):
    """Return run()'s rows for a pipeline on a collection, or copies of the rows it gave last, when no
    collection the pipeline reads was written since. `written_as` is the pipeline's repr, when known."""
    text = repr(pipeline) if written_as is None else written_as
    names = _SOURCES.get(text, ())
    if names == ():
        names = sources(pipeline)
        with _LOCK:
            if len(_SOURCES) >= KEPT_MAX:
                _SOURCES.clear()
            _SOURCES[text] = names
    if names is None:
        return run()
    key = (id(collection._store), text)
    # kept rows never change, and every write counts itself first: comparing the counts needs no lock
    counts = _counts(collection, names)
    held = _KEPT.get(key)
    if held is not None and held[0]() is collection._store and held[1] == counts and not writing():
        return collection._copies_again(held[2])
    with ONE_WRITE_AT_A_TIME:
        if writing():
            return run()
        counts = _counts(collection, names)
    rows = run()
    with ONE_WRITE_AT_A_TIME:
        if _counts(collection, names) != counts:
            return rows  # a write came in while the rows were worked out: they may mix before and after
        try:
            kept = Kept(rows)
        except Unusual:
            return rows
        with _LOCK:
            if len(_KEPT) >= KEPT_MAX:
                _KEPT.clear()
            _KEPT[key] = (weakref.ref(collection._store), counts, kept)
    return rows


def forget_all():
    """Forget every kept result (a collection was dropped)."""
    with _LOCK:
        _KEPT.clear()


def remembered_count(collection, query, count):
    """Return count() for a filter on a collection, or the count it gave last when the collection was not
    written since (filters as written, repr: each value with its type)."""
    return remembered(collection, [{"$match": query}, {"$count": "n"}], lambda: [{"n": count()}],
                      written_as="count:" + repr(query))[0]["n"]

"""Aggregation pipelines on the in-memory store, run the way MongoDB runs them.

The engine's own `aggregate` copies the whole collection before the first stage and its
`$lookup` runs one unfiltered scan per joined row. Here the pipeline's leading `$match` (with a
`$sort`, `$skip` and `$limit` right after it) becomes one indexed find, and a `$lookup` by
localField/foreignField becomes one indexed find per row, narrowed by its sub-pipeline's own
leading `$match`, `$sort`, `$skip` and `$limit` (as MongoDB serves it from an index). Every other
stage is the engine's, so results are the engine's results.
"""
import copy

from mongomock_ng import aggregate as engine
from mongomock_ng import helpers
from mongomock_ng.command_cursor import CommandCursor
from mongomock_ng.filtering import resolve_sort_key

from .equality import usable

PUSHABLE = ("$sort", "$skip", "$limit")
# stages that make rows only out of rows: after them, no input means no output
ROW_WISE = frozenset(("$match", "$lookup", "$unwind", "$project", "$addFields", "$set", "$unset", "$sort", "$skip",
                      "$limit", "$replaceRoot", "$replaceWith"))


def run_pipeline(collection, pipeline):
    """Return a cursor over the pipeline's results on an adapted collection."""
    return CommandCursor(_from_collection(collection, list(pipeline)))


def _from_collection(collection, stages, extra=None):
    """Read the documents the pipeline starts from with one find, then run the remaining stages."""
    query, options = _leading_read(stages, extra)
    chosen = _order(list(collection._iter_documents(query)), options)
    return _run(collection.database, _copies(collection, chosen, query), stages)


def _leading_read(stages, extra=None):
    """Take the leading `$match` (joined with extra) and the `$sort`/`$skip`/`$limit` after it off stages."""
    query = dict(extra or {})
    if stages and set(stages[0]) == {"$match"}:
        query = _both(stages.pop(0)["$match"], query)
    options = {}
    for name in PUSHABLE:
        if stages and set(stages[0]) == {name} and not set(options) & set(PUSHABLE[PUSHABLE.index(name):]):
            options[name] = stages.pop(0)[name]
    return query, options


def _order(documents, options):
    """Sort (stably, as the engine does), skip and limit live documents."""
    for key, direction in reversed(list(options.get("$sort", {}).items())):
        documents.sort(key=_sort_key(key, documents), reverse=direction < 0)
    start, limit = options.get("$skip", 0), options.get("$limit", 0)
    return documents[start:start + limit] if limit else documents[start:]


def _sort_key(key, documents):
    """Return the engine's sort key, or the plain value when every document holds a string there.

    Strings order the same both ways; any other mix of types needs MongoDB's type order.
    """
    if "." not in key and all(type(document.get(key)) is str for document in documents):
        return lambda document: document[key]
    return lambda document: resolve_sort_key(key, document)


def _copies(collection, documents, query):
    """Return the engine's copies of live documents (only these are read out of the store)."""
    return [collection._copy_only_fields(document, None, dict, filter=query) for document in documents]


def _both(first, second):
    """Return one filter meaning first AND second."""
    if not second:
        return first
    if not set(first) & set(second):
        return {**first, **second}
    return {"$and": [first, second]}


def _run(database, documents, stages):
    """Run stages over documents: `$lookup` and `$facet` here, every other stage in the engine."""
    if not documents and all(next(iter(stage)) in ROW_WISE for stage in stages):
        return []
    waiting = []
    for stage in stages:
        name = next(iter(stage))
        if name == "$lookup" and _joins_by_fields(stage[name]):
            documents = _engine(database, documents, waiting)
            waiting = []
            documents = _lookup(database, documents, stage[name])
        elif name == "$unwind" and _unwinds_a_field(stage[name]):
            documents = _engine(database, documents, waiting)
            waiting = []
            documents = _unwind(documents, stage[name])
        elif name == "$facet":
            documents = _engine(database, documents, waiting)
            waiting = []
            documents = [{title: _run(database, [dict(d) for d in documents], list(sub))
                          for title, sub in stage[name].items()}]
        else:
            waiting.append(stage)
    return _engine(database, documents, waiting)


def _engine(database, documents, stages):
    """Run stages in the engine."""
    if not stages:
        return documents
    return list(engine.process_pipeline(documents, database, stages, None))


def _unwinds_a_field(options):
    """Return True for an `$unwind` of a top-level field without an array index."""
    path = options.get("path") if isinstance(options, dict) else options
    extra = set(options) - {"path", "preserveNullAndEmptyArrays"} if isinstance(options, dict) else set()
    return isinstance(path, str) and path.startswith("$") and "." not in path and not extra


def _unwind(documents, options):
    """Unwind as the engine does. Each input document is this run's own copy and is dropped after, so an
    element goes into its output as it is (a copy when the array holds it twice); only the fields several
    outputs share are copied."""
    options = options if isinstance(options, dict) else {"path": options}
    field, keep = options["path"][1:], options.get("preserveNullAndEmptyArrays")
    out = []
    for document in documents:
        value = document.get(field)
        if value is None:
            if keep:
                out.append(document)
        elif value == []:
            if keep:
                out.append({k: v for k, v in document.items() if k != field})
        else:
            items = value if isinstance(value, list) else [value]
            shared, seen = len(items) > 1, set()
            for item in items:
                if id(item) in seen:
                    item = copy.deepcopy(item)
                seen.add(id(item))
                out.append({k: item if k == field else (copy.deepcopy(v) if shared else v)
                            for k, v in document.items()})
    return out


def _joins_by_fields(options):
    """Return True for a `$lookup` on localField/foreignField without variables."""
    return "localField" in options and "foreignField" in options and "let" not in options


def _lookup(database, documents, options):
    """Attach to each document the foreign documents whose foreignField equals its localField.

    The foreign documents of all rows are found with one indexed query; each row then takes its
    own, ordered and limited by the sub-pipeline, and only those are copied out of the store.
    """
    foreign = database.get_collection(options["from"])
    local, field, into = options["localField"], options["foreignField"], options["as"]
    values = [_value(document, local) for document in documents]
    if "." in field or not all(usable(value) for value in values):
        for document, value in zip(documents, values):
            condition = {"$in": value} if isinstance(value, list) else value
            document[into] = _from_collection(foreign, list(options.get("pipeline", [])), {field: condition})
        return documents
    stages = list(options.get("pipeline", []))
    query, read = _leading_read(stages, {field: {"$in": list(dict.fromkeys(values))}})
    by_value = {}
    for found in foreign._iter_documents(query):
        held = found.get(field)
        for key in dict.fromkeys(held if isinstance(held, list) else [held]):
            if usable(key):
                by_value.setdefault(key, []).append(found)
    for document, value in zip(documents, values):
        chosen = _order(list(by_value.get(value, [])), read)
        document[into] = _run(database, _copies(foreign, chosen, query), list(stages))
    return documents


def _value(document, path):
    """Return a document's value at a dotted path (None when absent), as $lookup reads localField."""
    value = helpers.get_value_by_dot(document, path, can_generate_array=True)
    return None if value is helpers.NOTHING else value

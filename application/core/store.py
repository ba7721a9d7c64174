"""The one place that reaches under the documents to the driver's collections."""
from pymongo.errors import DuplicateKeyError


def collection_of(document):
    """Return the pymongo collection behind a MongoEngine document class."""
    return document._get_collection()


def aggregate(document, pipeline):
    """Run a pipeline on a document's collection and return the rows as a list."""
    return list(collection_of(document).aggregate(pipeline))


def page_of(document, pipeline):
    """Run a `window` pipeline and count its filter's matches: return (rows, total)."""
    collection = collection_of(document)
    return list(collection.aggregate(pipeline)), collection.count_documents(pipeline[0]["$match"])


def duplicate_key_fields(exc):
    """Return the field names of the unique index a duplicate-key error broke (empty when unknown).

    Reads the error's `keyPattern` (in `details`), which MongoDB and the embedded store both send;
    MongoEngine's NotUniqueError keeps the driver's error as its context.
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, DuplicateKeyError):
            pattern = (exc.details or {}).get("keyPattern") or {}
            return tuple(pattern)
        exc = exc.__cause__ or exc.__context__
    return ()

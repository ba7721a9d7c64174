"""The embedded in-memory store: its engine, the adapter that makes it behave like MongoDB
where the app relies on it, and filling it from SEED_DATA_DIR.

The engine is mongomock-ng: among the in-memory MongoDB stand-ins it is the one that answers
duplicate-key errors with the index's `keyPattern` (as MongoDB does), runs `bulk_write`,
`$lookup` with `let`/`pipeline` and transactions, at about the same speed as mongomock.
Everything the app runs on it is also what MongoDB >= 6 runs.

The adapter leaves the engine's own code untouched. It only makes each write one indivisible
step, as every single-document write is on MongoDB: the engine reads, changes and stores a
document in separate Python steps, so two threads of one server could both take the last seat
of a course with the same conditional update.
"""
import functools
import logging
import os
import threading

import mongomock_ng
from mongomock_ng.collection import Collection
from mongomock_ng.database import Database

from config import ConfigError

log = logging.getLogger(__name__)
EMBEDDED_URI = "mongodb://localhost/enrollment"
WRITES = ("insert_one", "insert_many", "update_one", "update_many", "replace_one", "delete_one", "delete_many",
          "find_one_and_update", "find_one_and_replace", "find_one_and_delete", "bulk_write", "drop",
          "create_index", "create_indexes", "drop_index", "drop_indexes")
_ONE_WRITE_AT_A_TIME = threading.RLock()


def _alone(method):
    """Wrap a collection method so that no other write runs while it does."""

    @functools.wraps(method)
    def run(self, *args, **kwargs):
        with _ONE_WRITE_AT_A_TIME:
            return method(self, *args, **kwargs)

    return run


class EmbeddedCollection(Collection):
    """An engine collection whose writes are atomic."""

    locals().update({name: _alone(getattr(Collection, name)) for name in WRITES})

    def with_options(self, *args, **kwargs):
        """Return the collection with other options, still atomic."""
        return _adopt(super().with_options(*args, **kwargs), EmbeddedCollection)


class EmbeddedDatabase(Database):
    """An engine database that hands out EmbeddedCollections."""

    def get_collection(self, *args, **kwargs):
        """Return the named collection."""
        return _adopt(super().get_collection(*args, **kwargs), EmbeddedCollection)


class EmbeddedClient(mongomock_ng.MongoClient):
    """The engine's client, handing out EmbeddedDatabases (MongoEngine's `mongo_client_class`)."""

    def get_database(self, *args, **kwargs):
        """Return the named database."""
        return _adopt(super().get_database(*args, **kwargs), EmbeddedDatabase)


def _adopt(obj, adapter):
    """Give an engine object its adapter class (the adapters add methods only, no state)."""
    if type(obj) is adapter.__bases__[0]:
        obj.__class__ = adapter
    return obj


ENGINE = EmbeddedClient


def settings():
    """Return the MongoEngine connection settings of the in-memory store."""
    return {"host": EMBEDDED_URI, "mongo_client_class": ENGINE, "uuidRepresentation": "standard"}


def is_embedded(collection):
    """Return True when a pymongo-style collection lives in the in-memory store."""
    return isinstance(collection.database.client, ENGINE)


def refuse_multiple_workers():
    """Stop when the in-memory store would be split across several worker processes."""
    workers = os.environ.get("WEB_CONCURRENCY", "1").strip() or "1"
    if workers.isdigit() and int(workers) > 1:
        raise ConfigError(
            f"the in-memory database cannot be shared by {workers} worker processes "
            "(WEB_CONCURRENCY): set MONGO_URI to a MongoDB server, or run one worker"
        )


def load_seed_data(app):
    """Fill the in-memory store from SEED_DATA_DIR when the app runs on it (main.py calls this).

    Raises ConfigError, with the problem lines, when the files cannot be loaded.
    """
    data_dir = app.config.get("SEED_DATA_DIR")
    if not app.config.get("EMBEDDED_DB") or not data_dir:
        return None
    from .seeding import SeedError, seed_directory

    try:
        with app.app_context():
            report = seed_directory(data_dir, mode="insert", quiet=True)
    except SeedError as exc:
        raise ConfigError(f"the in-memory database could not load SEED_DATA_DIR={data_dir}:\n{exc.render()}") from None
    log.warning(
        "Embedded in-memory database: loaded %s from %s. Data lives in this process only "
        "and is lost on exit; set MONGO_URI to use a MongoDB server.",
        report.summary(),
        data_dir,
    )
    return report

"""The embedded in-memory store: its engine, and filling it from SEED_DATA_DIR.

The engine is mongomock-ng: among the in-memory MongoDB stand-ins it is the one that answers
duplicate-key errors with the index's `keyPattern` (as MongoDB does), runs `bulk_write`,
`$lookup` with `let`/`pipeline` and transactions, at about the same speed as mongomock.
Everything the app runs on it is also what MongoDB >= 6 runs. engine.py adapts it where the app
relies on MongoDB's behaviour (atomic writes, indexes, pipelines that read only what they need).
"""
import logging
import os

from config import ConfigError

from .engine import EmbeddedClient, EmbeddedCollection

log = logging.getLogger(__name__)
EMBEDDED_URI = "mongodb://localhost/enrollment"
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
    from ..seeding import SeedError, seed_directory

    try:
        with app.app_context():
            report = seed_directory(data_dir, mode="insert", quiet=True)
    except SeedError as exc:
        raise ConfigError(f"the in-memory database could not load SEED_DATA_DIR={data_dir}:\n{exc.render()}") from None
    build_equality_indexes(app)
    log.warning(
        "Embedded in-memory database: loaded %s from %s. Data lives in this process only "
        "and is lost on exit; set MONGO_URI to use a MongoDB server.",
        report.summary(),
        data_dir,
    )
    return report


def build_equality_indexes(app):
    """Build every collection's equality index now, as MongoDB builds an index when it is declared, rather than
    at the first page that reads it (start-up's objects are then set aside from the garbage collector's passes)."""
    from ..core.store import collection_of
    from ..documents import DOCUMENTS

    with app.app_context():
        for document in DOCUMENTS:
            collection = collection_of(document)
            if isinstance(collection, EmbeddedCollection):
                collection.equality_index()

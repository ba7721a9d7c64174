"""The MongoDB connection: Atlas (or any server) through MONGO_URI, else an in-memory store."""
import logging
import os
from urllib.parse import urlsplit

import mongoengine
import mongomock

from config import ConfigError

from .extensions import db

log = logging.getLogger(__name__)
EMBEDDED_URI = "mongodb://localhost/enrollment"


def database_name(uri):
    """Return the database name in a MongoDB URI's path, or raise ConfigError."""
    name = urlsplit(uri).path.lstrip("/")
    if not name:
        raise ConfigError("MONGO_URI has no database name: end it with /<dbname> (e.g. .../enrollment)")
    return name


def connection_settings(config):
    """Return MONGODB_SETTINGS for the config: the server of MONGO_URI, or mongomock."""
    uri = config.get("MONGO_URI")
    if not uri:
        return {"host": EMBEDDED_URI, "mongo_client_class": mongomock.MongoClient}
    if not uri.startswith(("mongodb://", "mongodb+srv://")):
        raise ConfigError("MONGO_URI must start with mongodb:// or mongodb+srv://")
    database_name(uri)
    timeout = config["MONGO_TIMEOUT_MS"]
    return {
        "host": uri,
        "serverSelectionTimeoutMS": timeout,
        "connectTimeoutMS": timeout,
        "socketTimeoutMS": max(timeout * 5, 10000),
        "tz_aware": False,
    }


def connect(app):
    """Open a fresh default connection for this app (closing any earlier one)."""
    app.config["EMBEDDED_DB"] = not app.config.get("MONGO_URI")
    if app.config["EMBEDDED_DB"]:
        refuse_multiple_workers()
    app.config["MONGODB_SETTINGS"] = connection_settings(app.config)
    mongoengine.disconnect()
    db.config = None  # flask-mongoengine keeps the first app's config otherwise
    app.extensions.get("mongoengine", {}).pop(db, None)
    db.init_app(app)


def refuse_multiple_workers():
    """Stop when the in-memory store would be split across several worker processes."""
    workers = os.environ.get("WEB_CONCURRENCY", "1").strip() or "1"
    if workers.isdigit() and int(workers) > 1:
        raise ConfigError(
            f"the in-memory database cannot be shared by {workers} worker processes "
            "(WEB_CONCURRENCY): set MONGO_URI to a MongoDB server, or run one worker"
        )


def ping():
    """Return None when the database answers, else a short reason."""
    try:
        mongoengine.get_db().command("ping")
    except Exception as exc:  # any driver failure is a health failure
        reason = str(exc).splitlines()[0].split(" (configured")[0].split(", Timeout")[0]
        return f"{type(exc).__name__}: {reason[:200]}"
    return None


def load_embedded_seed(app):
    """Fill the in-memory store from SEED_DATA_DIR when the app runs embedded."""
    if not app.config["EMBEDDED_DB"]:
        return
    data_dir = app.config.get("SEED_DATA_DIR")
    if not data_dir:
        return
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

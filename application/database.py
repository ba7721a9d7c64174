"""The MongoDB connection: Atlas (or any server) through MONGO_URI, else the embedded store.

One process talks to one database: every app created in it shares the connection when its
settings are the same, and creating an app for a different database is refused rather than
silently taking the connection away from the apps that exist.
"""
from urllib.parse import urlsplit

import mongoengine
from mongoengine.connection import ConnectionFailure

from config import ConfigError

from . import embedded


def database_name(uri):
    """Return the database name in a MongoDB URI's path, or raise ConfigError."""
    name = urlsplit(uri).path.lstrip("/")
    if not name:
        raise ConfigError("MONGO_URI has no database name: end it with /<dbname> (e.g. .../enrollment)")
    return name


def connection_settings(config):
    """Return the MongoEngine settings for the config: the server of MONGO_URI, or the embedded store."""
    uri = config.get("MONGO_URI")
    if not uri:
        return embedded.settings()
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
        "uuidRepresentation": "standard",
    }


def init_app(app):
    """Connect the app's documents to its database (sharing an equal connection already open)."""
    app.config["EMBEDDED_DB"] = not app.config.get("MONGO_URI")
    if app.config["EMBEDDED_DB"]:
        embedded.refuse_multiple_workers()
    settings = connection_settings(app.config)
    app.config["MONGODB_SETTINGS"] = settings
    try:
        mongoengine.connect(**settings)
    except ConnectionFailure:
        raise ConfigError(
            "this process is already connected to another database: "
            "call application.database.disconnect() before creating an app for a different one"
        ) from None
    app.extensions["database"] = settings


def disconnect():
    """Close the process's connection (the next app created opens a fresh one)."""
    mongoengine.disconnect()


def ping():
    """Return None when the database answers, else a short reason."""
    try:
        mongoengine.get_db().command("ping")
    except Exception as exc:  # any driver failure is a health failure
        reason = str(exc).splitlines()[0].split(" (configured")[0].split(", Timeout")[0]
        return f"{type(exc).__name__}: {reason[:200]}"
    return None

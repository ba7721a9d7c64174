"""The application factory: it only registers things (filling the embedded store is main.py's step)."""
import logging
import sys

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import config_for

from . import database, mail
from .extensions import cache, csrf, limiter, login_manager, security_headers
from .framework import EnrollmentApp
from .web.templating import COMPILED

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": ["'self'", "data:"],
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def create_app(config=None):
    """Create the Flask app for a config object (default: the one APP_ENV names)."""
    config = config if config is not None else config_for()
    config.check()
    app = EnrollmentApp(__name__)
    app.jinja_options = {**Flask.jinja_options, "bytecode_cache": COMPILED}
    app.config.from_object(config)
    configure_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_middleware(app)
    return app


def configure_logging(app):
    """Send one-line logs to stdout in production, keep Flask's defaults elsewhere."""
    if not app.config["LOG_TO_STDOUT"]:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def register_extensions(app):
    """Bind the database and the extensions to the app."""
    from .accounts.models import Anonymous
    from .accounts.sessions import browser_identifier

    database.init_app(app)
    cache.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.anonymous_user = Anonymous
    login_manager._session_identifier_generator = browser_identifier
    mail.init_app(app)
    register_security_headers(app)


def register_security_headers(app):
    """Send the same headers and Content-Security-Policy in every mode; HTTPS rules only in production."""
    security_headers.init_app(app, CONTENT_SECURITY_POLICY, https=app.config["HTTPS_ONLY"])


def register_blueprints(app):
    """Register the HTML pages (one blueprint per area of the site) and the JSON API."""
    from . import api, web

    web.register(app)
    api.register(app)


def register_errorhandlers(app):
    """Answer errors with friendly pages (JSON for JSON clients)."""
    from . import errors

    errors.register(app)


def register_commands(app):
    """Add the operator commands to `flask`."""
    from . import commands

    commands.register(app)


def register_middleware(app):
    """Trust the forwarded client address and scheme from Heroku's router (never the host)."""
    if app.config["PROXY_FIX"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

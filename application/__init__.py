"""The application factory."""
import logging
import sys

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import config_for

from . import database
from .extensions import csrf, limiter, login_manager, talisman

log = logging.getLogger(__name__)


def create_app(config=None):
    """Create the Flask app for a config object (default: the one APP_ENV names)."""
    config = config if config is not None else config_for()
    config.check()
    app = Flask(__name__)
    app.config.from_object(config)
    configure_logging(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    if app.config["PROXY_FIX"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    database.load_embedded_seed(app)
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
    """Bind the extensions and the database connection to the app."""
    database.connect(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to see that page."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    if app.config["SECURITY_HEADERS"]:
        talisman.init_app(
            app,
            force_https=True,
            strict_transport_security=True,
            strict_transport_security_max_age=31536000,
            frame_options="DENY",
            content_security_policy={
                "default-src": "'self'",
                "img-src": ["'self'", "data:"],
                "object-src": "'none'",
                "base-uri": "'self'",
                "form-action": "'self'",
                "frame-ancestors": "'none'",
            },
            session_cookie_secure=True,
            referrer_policy="same-origin",
        )


def register_blueprints(app):
    """Register one blueprint per module."""
    from . import auth, courses, enrollment, home, posts, users

    for module in (home, auth, courses, enrollment, posts, users):
        app.register_blueprint(module.bp)


def register_errorhandlers(app):
    """Answer errors with friendly pages (JSON for JSON clients)."""
    from . import errors

    errors.register(app)


def register_template_helpers(app):
    """Add the filters and globals templates use."""
    from . import templating

    templating.register(app)


def register_commands(app):
    """Add the operator commands to `flask`."""
    from . import commands

    commands.register(app)

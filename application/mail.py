"""Mail to people: through SMTP when MAIL_SERVER is set, else one log line with the link (development).

Production without MAIL_SERVER sends nothing (a link in the logs would let whoever reads them reset
passwords) and says so once at start-up; pages ask `is_configured()` to tell people. A mail is a
subject and two templates, `mail/<name>.txt` and `mail/<name>.html`, rendered with the same values.
Sending waits at most MAIL_TIMEOUT seconds for the server and never raises: the caller gets a
Delivery and decides what to tell the person.
"""
import enum
import logging
import smtplib
import threading

from flask import current_app, has_request_context, render_template, url_for
from flask_mailman import EmailMultiAlternatives

from .extensions import mail

log = logging.getLogger(__name__)


class Delivery(enum.Enum):
    """How a mail went: sent to the server, written to the log, failed, or not sent for want of a server."""

    SENT = "sent"
    LOGGED = "logged"
    FAILED = "failed"
    UNCONFIGURED = "unconfigured"

    @property
    def failed(self):
        """Return True when the mail did not reach a server or the log."""
        return self in (Delivery.FAILED, Delivery.UNCONFIGURED)


def init_app(app):
    """Bind Flask-Mailman to the app; warn once when production has no mail server."""
    mail.init_app(app)
    if _mode(app.config) == "off":
        log.warning("MAIL_SERVER is not set: password-reset and confirmation mails cannot be sent")


def _mode(config):
    """Return "smtp" with a mail server, "log" without one outside production, else "off"."""
    if config.get("MAIL_SERVER"):
        return "smtp"
    return "off" if config.get("ENV_NAME") == "production" else "log"


def is_configured():
    """Return True when mails reach people (or, in development, the log)."""
    return _mode(current_app.config) != "off"


def link(endpoint, **values):
    """Return the absolute URL of a page for a mail: on SITE_URL when set, else on the address the request came
    to; None outside a request without SITE_URL (a command has no address to link to)."""
    site = current_app.config.get("SITE_URL")
    if site:
        return site.rstrip("/") + url_for(endpoint, **values)
    if not has_request_context():
        return None
    return url_for(endpoint, _external=True, **values)


def compose(to, subject, template, **context):
    """Return the message: the plain-text template as its body, the HTML one as its alternative."""
    message = EmailMultiAlternatives(subject, render_template(f"mail/{template}.txt", **context), to=[to])
    message.attach_alternative(render_template(f"mail/{template}.html", subject=subject, **context), "text/html")
    return message


def send(to, subject, template, **context):
    """Send a mail now (waiting at most MAIL_TIMEOUT for the server) and return its Delivery."""
    kind = _mode(current_app.config)
    if kind == "log":
        log.info("mail to %s: %s: %s", to, subject, context.get("link") or "(no link)")
        return Delivery.LOGGED
    if kind == "off":
        log.warning("mail %r was not sent: MAIL_SERVER is not set", subject)
        return Delivery.UNCONFIGURED
    return _deliver(compose(to, subject, template, **context), to)


def send_later(to, subject, template, **context):
    """Send a mail from a background thread: the page answers at once, whether or not a mail goes out."""
    if _mode(current_app.config) != "smtp":
        send(to, subject, template, **context)
        return
    message, app = compose(to, subject, template, **context), current_app._get_current_object()

    def run():
        with app.app_context():
            _deliver(message, to)

    threading.Thread(target=run, name="mail", daemon=True).start()


def _deliver(message, to):
    """Hand a message to the SMTP server; log and report a failure instead of raising it."""
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("mail %r to %s could not be sent: %s", message.subject, to, exc)
        return Delivery.FAILED
    return Delivery.SENT

"""A real SMTP server on a free local port (aiosmtpd) that keeps what it receives, for the mail tests."""
import email
import email.policy
import re
import socket
import threading
import time
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


def free_port():
    """Return a TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """An SMTP server on 127.0.0.1 and the messages it received, in order."""

    def __init__(self):
        self.messages = []
        self.arrived = threading.Condition()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        """Keep a received message (aiosmtpd calls this for each one)."""
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append(message)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def start(self):
        """Start listening."""
        self.controller.start()
        return self

    def stop(self):
        """Stop listening."""
        self.controller.stop()

    def config(self):
        """Return the app settings that send mail here."""
        return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": self.port, "MAIL_TIMEOUT": 5}

    def wait_for(self, count=1, timeout=10):
        """Return the messages once at least `count` arrived (mails sent in the background take a moment)."""
        deadline = time.monotonic() + timeout
        with self.arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} mails, got {len(self.messages)}")
                self.arrived.wait(left)
            return list(self.messages)

    def last(self, to=None):
        """Return the newest message (to one address, when given)."""
        found = [m for m in self.wait_for() if to is None or to in str(m["To"])]
        assert found, f"no mail to {to}"
        return found[-1]


def text_of(message):
    """Return the plain-text part of a message."""
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message):
    """Return the HTML part of a message."""
    return message.get_body(preferencelist=("html",)).get_content()


def link_path(message):
    """Return the path (and query) of the link in a message's plain text, to follow with a test client."""
    url = LINK.search(text_of(message)).group(0)
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")

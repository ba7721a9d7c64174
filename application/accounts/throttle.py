"""Sign-in throttling that stops guessing, not students.

Only failed sign-ins count: per account (the email as typed, whether or not an account has it,
so the lock says nothing about who is registered) and, with a much higher ceiling, per address
(a campus network signs in hundreds of students from one address). The counters live in the
rate-limit store (MongoDB in production), shared by every worker and dyno.
"""
import logging
import math
import time

from flask import current_app
from limits import parse
from limits.strategies import MovingWindowRateLimiter

from ..core.errors import DomainError
from ..extensions import limiter

log = logging.getLogger(__name__)
LOCKED = ("Too many failed sign-ins for this account. Try again in {wait}, or reset your password "
          "if you have forgotten it.")
ADDRESS_LOCKED = "Too many failed sign-ins from your network. Try again in {wait}."


class TooManyAttempts(DomainError):
    """Sign-in is paused for an account or an address after too many failures."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after


def _rules():
    """Return [(limit, kind)] for the account and the address, or [] when throttling is off."""
    config = current_app.config
    if not config.get("RATELIMIT_ENABLED") or not limiter.enabled:
        return []
    return [(parse(config["LOGIN_FAILURES_PER_ACCOUNT"]), "account"),
            (parse(config["LOGIN_FAILURES_PER_ADDRESS"]), "address")]


def _key(kind, email, address):
    """Return the counter's identifier for an account (the email as typed) or an address."""
    return ("login-failures", kind, (email or "").strip().lower()[:254] if kind == "account" else address or "-")


def _wait(seconds):
    """Return "12 minutes" / "1 minute" for a number of seconds."""
    minutes = max(1, math.ceil(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def check_not_locked(email, address):
    """Raise TooManyAttempts when the account or the address has used up its failures."""
    try:
        strategy = MovingWindowRateLimiter(limiter.storage)
        for limit, kind in _rules():
            if not strategy.test(limit, *_key(kind, email, address)):
                reset_at = strategy.get_window_stats(limit, *_key(kind, email, address)).reset_time
                wait = max(1, int(reset_at - time.time()))
                template = LOCKED if kind == "account" else ADDRESS_LOCKED
                raise TooManyAttempts(template.format(wait=_wait(wait)), wait)
    except TooManyAttempts:
        raise
    except Exception:  # the store being down must not stop sign-in; the database check still runs
        log.warning("sign-in throttle store unavailable", exc_info=True)


def record_failure(email, address):
    """Count one failed sign-in against the account and the address."""
    try:
        strategy = MovingWindowRateLimiter(limiter.storage)
        for limit, kind in _rules():
            strategy.hit(limit, *_key(kind, email, address))
    except Exception:
        log.warning("sign-in throttle store unavailable", exc_info=True)

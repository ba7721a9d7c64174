"""Sign-in throttling that stops guessing, not students.

Only failed sign-ins count: per account (the email as typed, whether or not an account has it,
so the lock says nothing about who is registered) and, with a much higher ceiling, per address
(a campus network signs in hundreds of students from one address). Mails people ask for (password
resets, confirmation links) are limited the same way, per email as typed and per address. The
counters live in the rate-limit store (MongoDB in production), shared by every worker and dyno.
"""
import logging
import math
import time
from contextlib import contextmanager

from flask import current_app
from limits import parse
from limits.strategies import MovingWindowRateLimiter

from ..core.errors import DomainError
from ..core.wording import counted
from ..extensions import limiter

log = logging.getLogger(__name__)
LOCKED = ("Too many failed sign-ins for this account. Try again in {wait}, or reset your password "
          "if you have forgotten it.")
ADDRESS_LOCKED = "Too many failed sign-ins from your network. Try again in {wait}."
MAILS_PER_EMAIL = "Too many mails were asked for this email address. Try again in {wait}."
MAILS_PER_ADDRESS = "Too many mails were asked for from your network. Try again in {wait}."


class TooManyAttempts(DomainError):
    """Sign-in is paused for an account or an address after too many failures."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, message, retry_after):
        super().__init__(message)
        self.retry_after = retry_after


def _key(kind, email, address, counter="login-failures"):
    """Return the counter's identifier for an account (the email as typed) or an address."""
    typed = email.strip().lower()[:254] if isinstance(email, str) else ""
    return (counter, kind, typed if kind == "account" else address or "-")


def _wait(seconds):
    """Return "12 minutes" / "1 minute" for a number of seconds."""
    return counted(max(1, math.ceil(seconds / 60)), "minute")


@contextmanager
def _counters(account_limit="LOGIN_FAILURES_PER_ACCOUNT", address_limit="LOGIN_FAILURES_PER_ADDRESS"):
    """Yield (strategy, account limit, address limit) from the config, or None when throttling is off.

    A failure of the store is logged and swallowed: it must not stop sign-in, whose password
    check still runs.
    """
    config = current_app.config
    if not config.get("RATELIMIT_ENABLED") or not limiter.enabled:
        yield None
        return
    try:
        yield MovingWindowRateLimiter(limiter.storage), parse(config[account_limit]), parse(config[address_limit])
    except TooManyAttempts:
        raise
    except Exception:
        log.warning("sign-in throttle store unavailable", exc_info=True)


def _refuse(strategy, limit, key, template):
    """Raise TooManyAttempts with the time until the limit's window frees a place."""
    reset_at = strategy.get_window_stats(limit, *key).reset_time
    wait = max(1, int(reset_at - time.time()))
    raise TooManyAttempts(template.format(wait=_wait(wait)), wait)


def begin_attempt(email, address):
    """Admit one sign-in attempt or raise TooManyAttempts.

    The attempt is counted against the account before the password is checked, so parallel
    guesses cannot all slip past the count; a correct password takes it back (finish_attempt).
    The address is only tested here: its correct sign-ins never count.
    """
    with _counters() as counters:
        if counters is None:
            return
        strategy, account, address_limit = counters
        if not strategy.test(address_limit, *_key("address", email, address)):
            _refuse(strategy, address_limit, _key("address", email, address), ADDRESS_LOCKED)
        if not strategy.hit(account, *_key("account", email, address)):
            _refuse(strategy, account, _key("account", email, address), LOCKED)


def finish_attempt(email, address, succeeded):
    """Forget the account's failures after a correct password; count a failure against the address."""
    with _counters() as counters:
        if counters is None:
            return
        strategy, account, address_limit = counters
        if succeeded:
            strategy.clear(account, *_key("account", email, address))
        else:
            strategy.hit(address_limit, *_key("address", email, address))


def admit_mail_request(email, address):
    """Count a request for a mail to an email (a reset or confirmation link) or raise TooManyAttempts.

    Counted per email as typed, whether or not an account has it, and per address.
    """
    with _counters("MAIL_REQUESTS_PER_EMAIL", "MAIL_REQUESTS_PER_ADDRESS") as counters:
        if counters is None:
            return
        strategy, per_email, per_address = counters
        for limit, kind, template in ((per_address, "address", MAILS_PER_ADDRESS),
                                      (per_email, "account", MAILS_PER_EMAIL)):
            key = _key(kind, email, address, counter="mail-requests")
            if not strategy.hit(limit, *key):
                _refuse(strategy, limit, key, template)

"""Password hashes: make, check, judge their strength, and keep them current.

werkzeug's default (scrypt, N=2**15, r=8, p=1) is the current method. A stored hash that is
weaker is replaced at the next successful sign-in; a data file that carries a hash weaker than
the minimum below is refused, since a fast hash of a leaked file is a password list.
"""
import functools
import re

from werkzeug.security import check_password_hash, generate_password_hash

MIN_SCRYPT_N = 2**14
MIN_SCRYPT_R = 8
MIN_PBKDF2_ITERATIONS = 600_000
HASH_FORMAT = re.compile(r"^(?P<method>[a-z0-9]+)(?::(?P<params>[a-z0-9:]+))?\$[^$]+\$[0-9a-f]{32,}$")
WEAK_HASH_FIX = ("generate a new one with werkzeug.security.generate_password_hash(password), "
                 "which uses scrypt with safe settings")


def make_hash(password):
    """Return a hash of password with the current method."""
    return generate_password_hash(password)


@functools.cache
def current_method():
    """Return the method part ("scrypt:32768:8:1") of hashes made now."""
    return make_hash("method probe").split("$", 1)[0]


@functools.cache
def _dummy_hash():
    """Return a hash to check against when there is no account, so both cases take as long."""
    return make_hash("no account has this password")


def matches(stored, password):
    """Return True when password matches the stored hash (False for a malformed hash)."""
    if not isinstance(password, str):
        return False
    try:
        return check_password_hash(stored or "", password)
    except (ValueError, TypeError):
        return False


def spend_check_time(password):
    """Check password against a dummy hash: an unknown email costs what a known one costs."""
    matches(_dummy_hash(), password if isinstance(password, str) else "")


def needs_rehash(stored):
    """Return True when a stored hash was made with another method than the current one."""
    return isinstance(stored, str) and stored.split("$", 1)[0] != current_method()


def weakness(stored):
    """Return why a stored hash is not acceptable, or None when it is a strong werkzeug hash."""
    match = HASH_FORMAT.match(stored or "") if isinstance(stored, str) else None
    if not match:
        return ("is not a werkzeug password hash (plain text can never log in): "
                "generate one with werkzeug.security.generate_password_hash")
    method, params = match["method"], (match["params"] or "").split(":")
    if method == "scrypt":
        n, r = (int(params[0]), int(params[1])) if len(params) >= 2 and all(p.isdigit() for p in params[:2]) else (0, 0)
        if n >= MIN_SCRYPT_N and r >= MIN_SCRYPT_R:
            return None
        return f"is a weak scrypt hash (needs N >= {MIN_SCRYPT_N} and r >= {MIN_SCRYPT_R}): {WEAK_HASH_FIX}"
    if method == "pbkdf2":
        digest = params[0] if params and params[0] else "sha256"
        # without a number werkzeug applies its own current default, which is strong
        iterations = MIN_PBKDF2_ITERATIONS if len(params) < 2 else int(params[1]) if params[1].isdigit() else 0
        if digest in ("sha256", "sha512") and iterations >= MIN_PBKDF2_ITERATIONS:
            return None
        return (f"is a weak pbkdf2 hash (needs sha256 or sha512 with at least {MIN_PBKDF2_ITERATIONS} "
                f"iterations): {WEAK_HASH_FIX}")
    return f"uses the hash method {method!r}, which werkzeug cannot check: {WEAK_HASH_FIX}"

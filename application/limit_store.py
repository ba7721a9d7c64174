"""The in-process store of the rate limits and the sign-in throttle (`memory://`), safe under threads.

limits 5.8's memory store restarts its expiry timer without a lock: two threads writing at the
same moment can start the same timer twice, and the second write then fails with "thread already
started" (alisaifee/limits#352, fixed after 5.8). Under gunicorn's threads that failure let a sign-in
attempt past the throttle's count. This subclass takes the memory store's writes one at a time
and is registered for `memory://` in its place, so every limit of the process uses it (Flask-Limiter's
in-memory fallback, which builds limits' class directly, is not turned on here).
"""
import threading

from limits.storage import MemoryStorage


class ThreadSafeMemoryStorage(MemoryStorage):
    """limits' memory store whose writes (the only callers of its timer restart) run one at a time."""

    STORAGE_SCHEME = ["memory"]

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        self._one_write_at_a_time = threading.RLock()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def __setstate__(self, state):
        """Restore a pickled store with a lock of its own."""
        self._one_write_at_a_time = threading.RLock()
        super().__setstate__(state)

    def __getstate__(self):
        """Pickle the store without its lock."""
        state = super().__getstate__()
        state.pop("_one_write_at_a_time", None)
        return state

    def incr(self, key, expiry, amount=1):
        """Add to a fixed-window counter."""
        with self._one_write_at_a_time:
            return super().incr(key, expiry, amount)

    def decr(self, key, amount=1):
        """Take from a fixed-window counter."""
        with self._one_write_at_a_time:
            return super().decr(key, amount)

    def acquire_entry(self, key, limit, expiry, amount=1):
        """Record an entry in a moving window if it has room; return whether it had."""
        with self._one_write_at_a_time:
            return super().acquire_entry(key, limit, expiry, amount)

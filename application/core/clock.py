"""The current time, always as an aware UTC datetime."""
from datetime import datetime, timezone


def utcnow():
    """Return the current time as an aware UTC datetime."""
    return datetime.now(timezone.utc)

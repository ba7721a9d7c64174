"""The current time, always as an aware UTC datetime."""
from datetime import datetime, timezone


def utcnow():
    """Return the current time as an aware UTC datetime."""
    return datetime.now(timezone.utc)


def as_utc(value):
    """Return a datetime marked as UTC when it came back naive from the driver (others unchanged)."""
    if getattr(value, "tzinfo", "not a datetime") is None and hasattr(value, "hour"):
        return value.replace(tzinfo=timezone.utc)
    return value

"""Academic terms such as "Fall 2026": parsing, chronological order, and the terms that have courses."""
import re

from ..extensions import cache

SEASONS = {"winter": 0, "spring": 1, "summer": 2, "fall": 3, "autumn": 3}
TERM_PATTERN = re.compile(r"^\s*([A-Za-z]+)\s+(\d{4})\s*$")


def term_sort_key(term):
    """Return a key that orders "Spring 2026" < "Summer 2026" < "Fall 2026" < "Spring 2027".

    Terms that do not read as "<Season> <Year>" sort after the others, by name.
    """
    match = TERM_PATTERN.match(term or "")
    if match and match.group(1).lower() in SEASONS:
        return (0, int(match.group(2)), SEASONS[match.group(1).lower()], "")
    return (1, 0, 0, term or "")


def chronological(terms):
    """Return the distinct terms oldest first."""
    return sorted(set(terms), key=term_sort_key)


def newest(terms):
    """Return the latest of the terms, or None when there are none."""
    return max(terms, key=term_sort_key) if terms else None


@cache.memoize()
def known_terms():
    """Return the terms that have courses, oldest first (kept for CACHE_SECONDS; see forget_terms)."""
    from .models import Course

    return Course.objects.terms()


def forget_terms():
    """Drop the kept term list, after courses were added, changed or removed."""
    cache.delete_memoized(known_terms)

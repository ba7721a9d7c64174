"""Academic terms such as "Fall 2026": their order, and the terms that have courses.

A term with a `term` document is placed by its `starts` date; a term without one (older data
files) is placed by the season and year of its name, on the date that season usually starts.
"""
import bisect
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from ..core import stamps

SEASON_STARTS = {"winter": (1, 5), "spring": (1, 20), "summer": (6, 1), "fall": (9, 1), "autumn": (9, 1)}
TERM_PATTERN = re.compile(r"^\s*([A-Za-z]+)\s+(\d{4})\s*$")


def usual_start(term):
    """Return the date a "<Season> <Year>" term usually starts, or None for another kind of name."""
    match = TERM_PATTERN.match(term or "")
    season = match.group(1).lower() if match else None
    if season not in SEASON_STARTS or not 1 <= int(match.group(2)) <= 9999:
        return None
    return datetime(int(match.group(2)), *SEASON_STARTS[season])


def term_sort_key(term, starts=None):
    """Return a key that orders terms by their start (given, or usual for their name); others last, by name."""
    when = starts.replace(tzinfo=None) if starts else usual_start(term)
    return (0, when, term or "") if when else (1, datetime.min, term or "")


def chronological(terms, starts=None):
    """Return the distinct terms oldest first; `starts` maps a term name to its start date when known."""
    starts = starts or {}
    return sorted(set(terms), key=lambda term: term_sort_key(term, starts.get(term)))


def newest(terms):
    """Return the latest of terms already in order, or None when there are none."""
    return terms[-1] if terms else None


def known_terms():
    """Return the terms that have courses, oldest first (cached under the catalog stamp)."""
    from .models import Course

    return stamps.cached(stamps.CATALOG, "terms", lambda: Course.objects.terms())


@dataclass(frozen=True)
class TermDates:
    """A term document's dates, as pages show them (decisions read the term document itself)."""

    name: str
    starts: datetime
    ends: datetime
    registration_opens: datetime
    registration_closes: datetime
    drop_deadline: datetime


def term_dates():
    """Return {term name: TermDates} of every term document (cached under the catalog stamp)."""
    return stamps.cached(stamps.CATALOG, "term-dates", _read_term_dates)


def date_phase(now):
    """Return how many of the terms' registration and drop dates have passed at `now` (aware).

    The registration rules compare the time only with these dates, so what they decide for a page
    is the same at every moment of one phase.
    """
    moments = stamps.cached(stamps.CATALOG, "term-moments", lambda: _moments(term_dates()))
    return bisect.bisect_right(moments, now.astimezone(timezone.utc).replace(tzinfo=None))


def _moments(dates):
    """Return every registration opening, closing and drop deadline of the terms, as naive UTC, in order."""
    found = []
    for term in dates.values():
        for moment in (term.registration_opens, term.registration_closes, term.drop_deadline):
            if moment is not None:
                found.append(moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment)
    return sorted(found)


def _read_term_dates():
    """Read every term document's dates."""
    from ..core.store import collection_of
    from .models import Term

    fields = TermDates.__dataclass_fields__
    rows = collection_of(Term).find({}, projection={"_id": 0, **dict.fromkeys(fields, 1)})
    return {row["name"]: TermDates(**{name: row.get(name) for name in fields}) for row in rows}


def catalog_changed():
    """Tell every cache built from courses or terms that they changed (on every dyno, at the next page)."""
    stamps.touch(stamps.CATALOG)

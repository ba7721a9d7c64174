"""Registration rules, as pure functions: each returns a Refusal (a code and a message naming the
conflict or the limit) or None. The enroll and waitlist services apply them with fresh data; the
catalog and course pages apply the very same functions to show a student, before they click,
which rule would stop them.
"""
from dataclasses import dataclass
from datetime import timezone

from ..courses.models import prerequisite_met


@dataclass(frozen=True)
class Refusal:
    """Why a rule keeps a student out of a course: a machine-readable code and a message."""

    code: str
    message: str


def _utc(moment):
    """Return an aware UTC datetime (the driver hands back naive UTC)."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def when(moment):
    """Return a date for people: "Aug 1, 2026 09:00 UTC"."""
    return f"{_utc(moment):%b %-d, %Y %H:%M} UTC"


def window_refusal(term, course_id, now):
    """Refuse enrolling outside the term's registration window (a term without dates is always open)."""
    if term is None:
        return None
    opens, closes = _utc(term.registration_opens), _utc(term.registration_closes)
    if now < opens:
        return Refusal("window_closed", f"Registration for {term.name} opens on {when(opens)}: "
                                        f"{course_id} cannot be taken before then.")
    if now >= closes:
        return Refusal("window_closed", f"Registration for {term.name} closed on {when(closes)}.")
    return None


def drop_refusal(term, course_id, now):
    """Refuse dropping after the term's drop deadline."""
    if term is not None and now >= _utc(term.drop_deadline):
        return Refusal("drop_deadline", f"The last day to drop {course_id} was {when(term.drop_deadline)}: "
                                        "ask the registrar.")
    return None


def prerequisite_refusal(course, rows, term_order):
    """Refuse a course whose prerequisites were not taken in an earlier term."""
    rank = {term: position for position, term in enumerate(term_order)}
    mine = rank.get(course["term"], len(rank))
    for needed in course.get("prerequisites") or ():
        if not any(prerequisite_met(needed, row["courseID"]) and rank.get(row["term"], len(rank)) < mine
                   for row in rows):
            return Refusal("prerequisite", f"{course['courseID']} requires {needed}, taken in an earlier term.")
    return None


def minutes_of(clock):
    """Return "09:30" as minutes after midnight."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def overlap(first, second):
    """Return the first day two weekly meetings share at overlapping times, or None."""
    shared = [day for day in first["days"] if day in second["days"]]
    if shared and minutes_of(first["start"]) < minutes_of(second["end"]) \
            and minutes_of(second["start"]) < minutes_of(first["end"]):
        return shared[0]
    return None


def conflict_refusal(course, rows):
    """Refuse a course that meets at the same time as another course of the same term."""
    for row in rows:
        if row["term"] != course["term"] or row["courseID"] == course["courseID"]:
            continue
        for mine in course.get("meetings") or ():
            for theirs in row.get("meetings") or ():
                day = overlap(mine, theirs)
                if day:
                    return Refusal("time_conflict",
                                   f"{course['courseID']} meets on {day} {mine['start']}-{mine['end']}, at the same "
                                   f"time as {row['courseID']} ({theirs['start']}-{theirs['end']}).")
    return None


def credit_refusal(course, rows, limit):
    """Refuse a course that would take the student over the term's credit limit."""
    taken = sum(row.get("credits") or 0 for row in rows
                if row["term"] == course["term"] and row["courseID"] != course["courseID"])
    if taken + (course.get("credits") or 0) > limit:
        return Refusal("credit_limit", f"{course['courseID']} would bring you to {taken + course['credits']} "
                                       f"credits in {course['term']}: the limit is {limit}.")
    return None


def archived_refusal(course):
    """Refuse a course that was archived (it is no longer offered)."""
    if course.get("archived"):
        return Refusal("archived", f"{course['courseID']} is archived: it is no longer offered.")
    return None


def first_refusal(course, term, rows, term_order, now, credit_limit):
    """Return the first rule (archived, window, prerequisite, time, credits) that keeps the student out, or None."""
    return (archived_refusal(course)
            or window_refusal(term, course["courseID"], now)
            or prerequisite_refusal(course, rows, term_order)
            or conflict_refusal(course, rows)
            or credit_refusal(course, rows, credit_limit))

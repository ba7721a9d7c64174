"""Course fields as a form (text) or the API (typed JSON) sends them, turned into a course record.

Meetings are written one per line: "Mon Wed Fri 09:00-09:50 Turing Hall 101"; prerequisites as
codes separated by commas or spaces. What the values must be is then checked by the seeding
validation (the same rules as courses.json).
"""
import re

from ..core.checks import Checks
from ..courses.models import (COURSE_ID_MAX, COURSE_ID_RE, DAYS, DESCRIPTION_MAX, MEETINGS_MAX, PREREQUISITES_MAX,
                              ROOM_MAX, TERM_MAX, TITLE_MAX, Course)

INT_FIELDS = ("credits", "capacity", "instructor_id")
TEXT_FIELDS = ("courseID", "title", "description", "term")
NO_INSTRUCTOR = None  # an empty instructor field: the course has no instructor (on edit: take it off)
COURSE_ID_RULE = (f"A course ID is 1 to {COURSE_ID_MAX} letters, digits, '.', '_' or '-', starting with a letter "
                  "or digit, e.g. CS101-F26.")
# (message when empty (None: may be empty), longest length) of each text field
TEXT_RULES = {
    "courseID": ("Give the course an ID, e.g. CS101-F26.", COURSE_ID_MAX),
    "title": ("Give the course a title.", TITLE_MAX),
    "term": ("Name the term, e.g. Fall 2026.", TERM_MAX),
    "description": (None, DESCRIPTION_MAX),
}
MEETING_LINE = re.compile(r"^(?P<days>(?:[A-Za-z]{3}[\s,]+)+)(?P<start>\d{1,2}:\d{2})\s*[-–]\s*(?P<end>\d{1,2}:\d{2})"
                          r"(?:\s+(?P<room>.+))?$")


def parse_fields(submitted, allowed):
    """Return {field: value} for the allowed fields present in submitted, or raise Invalid."""
    checks, record = Checks(), {}
    for name in allowed:
        if name not in submitted or (submitted[name] is None and name != "instructor_id"):
            continue
        value = _PARSERS.get(name, _text)(checks, name, submitted[name])
        if value is not _SKIP:
            record[name] = value
    checks.raise_if_any()
    return record


_SKIP = object()


def _text(checks, name, value):
    """Return trimmed text, checked for emptiness (where required), length and control characters."""
    empty, longest = TEXT_RULES.get(name, (None, None))
    if not isinstance(value, str):
        checks.add(name, "Must be text.")
        return _SKIP
    if empty is None and not value.strip():
        return ""
    text = checks.text(name, value, required=empty, max_length=longest or len(value),
                       too_long=f"Must be at most {longest} characters.")
    if name == "courseID" and checks.ok(name) and not COURSE_ID_RE.fullmatch(text):
        checks.add(name, COURSE_ID_RULE)
    return text if checks.ok(name) else _SKIP


WHOLE_NUMBER = re.compile(r"-?[0-9]{1,15}")
WHOLE_MAX = 2**53 - 1


def _whole(checks, name, value):
    """Return a whole number from text or JSON; an empty (or null) instructor means none."""
    if isinstance(value, bool):
        checks.add(name, "Must be a whole number.")
        return _SKIP
    if isinstance(value, int):
        if abs(value) > WHOLE_MAX:  # beyond what JSON clients and MongoDB's integers hold exactly
            checks.add(name, f"Must be a whole number no larger than {WHOLE_MAX}.")
            return _SKIP
        return value
    if name == "instructor_id" and (value is None or (isinstance(value, str) and not value.strip())):
        return NO_INSTRUCTOR
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and WHOLE_NUMBER.fullmatch(text)):
        checks.add(name, "Must be a whole number.")
        return _SKIP
    return int(text)


def _meetings(checks, name, value):
    """Return meetings from lines of text ("Mon Wed 09:00-10:15 Room") or from a JSON list."""
    if isinstance(value, list):
        return value
    if not isinstance(value, str):
        checks.add(name, "Must be text: one meeting per line.")
        return _SKIP
    meetings = []
    for number, line in enumerate(filter(None, (line.strip() for line in value.splitlines())), start=1):
        found = MEETING_LINE.match(line)
        days = re.split(r"[\s,]+", found.group("days").strip()) if found else []
        if not found or any(day.capitalize() not in DAYS for day in days):
            checks.add(name, f"Line {number}: write days, then start-end, then the room, e.g. "
                             "\"Mon Wed 09:00-10:15 Turing Hall 101\".")
            continue
        meetings.append({"days": [day.capitalize() for day in days], "start": found.group("start").zfill(5),
                         "end": found.group("end").zfill(5), "room": (found.group("room") or "").strip()})
    return meetings


def _prerequisites(checks, name, value):
    """Return prerequisite codes from text ("CS101, MATH110") or from a JSON list."""
    if isinstance(value, list):
        return value
    if not isinstance(value, str):
        checks.add(name, "Must be text: course codes separated by commas.")
        return _SKIP
    return [code for code in re.split(r"[\s,]+", value.strip()) if code]


_PARSERS = {**{name: _whole for name in INT_FIELDS}, "meetings": _meetings, "prerequisites": _prerequisites}


_REGEX_RULES = {"courseID": COURSE_ID_RULE, "start": "must be a time from 00:00 to 23:59",
                "end": "must be a time from 00:00 to 23:59",
                "prerequisites": "must be course codes such as CS101 (letters, digits, '.', '_' or '-')"}
_LIST_LIMITS = {"meetings": f"A course meets at most {MEETINGS_MAX} times a week (one line each).",
                "prerequisites": f"A course has at most {PREREQUISITES_MAX} prerequisites."}


def explain(path, reason):
    """Return (form field, message) for a problem the seed validation found at a dotted path.

    The model's own wording ("Integer value is too small") becomes the limit it stands for, and a
    meeting's problem names the line it was written on.
    """
    parts = path.split(".")
    field, leaf = parts[0] or "courseID", parts[-1]
    model_field = Course._fields.get(field)
    if reason == "Integer value is too small" and model_field is not None:
        reason = f"Must be at least {model_field.min_value}."
    elif reason == "Integer value is too large" and model_field is not None:
        reason = f"Must be at most {model_field.max_value}."
    elif reason == "String value is too long":
        longest = ROOM_MAX if leaf == "room" else getattr(model_field, "max_length", None)
        reason = f"Must be at most {longest} characters." if longest else reason
    elif reason == "String value did not match validation regex":
        reason = _REGEX_RULES.get(leaf if field == "meetings" else field, reason)
    elif reason == "List is too long" and len(parts) == 1:
        reason = _LIST_LIMITS.get(field, reason)
    if field == "meetings" and len(parts) >= 2 and parts[1].isdigit():
        reason = f"Line {int(parts[1]) + 1}: {' '.join(parts[2:]) + ' ' if len(parts) > 2 else ''}{reason}"
    return field, reason

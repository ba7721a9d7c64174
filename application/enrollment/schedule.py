"""A student's week in one term: where each course sits in a Monday-to-Friday timetable.

Blocks are placed on a grid of five-minute rows from the first hour any course of the term meets
to the last; the page maps a block's row and span to CSS classes (no inline style, which the
Content-Security-Policy forbids).
"""
from dataclasses import dataclass, field, replace

from .rules import minutes_of

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
WEEKEND = ("Sat", "Sun")
FIRST_HOUR, LAST_HOUR = 7, 22
SLOT_MINUTES = 5
ROWS = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES


@dataclass(frozen=True)
class Block:
    """One meeting of one course on one day."""

    course_id: str
    title: str
    day: str
    start: str
    end: str
    room: str
    row: int
    span: int
    lane: int = 1


@dataclass
class Week:
    """A term's timetable: blocks per weekday, weekend meetings, courses without set times, hour marks."""

    days: dict = field(default_factory=dict)
    weekend: list = field(default_factory=list)
    unscheduled: list = field(default_factory=list)
    hours: list = field(default_factory=list)  # [(label, row)] for the time column

    @property
    def empty(self):
        """Return True when no course of the term has a meeting time."""
        return not any(self.days.values()) and not self.weekend


def _row(clock, first_hour):
    """Return the grid row (1-based) where a time falls, kept inside the grid."""
    offset = (minutes_of(clock) - first_hour * 60) // SLOT_MINUTES
    return min(max(offset, 0), ROWS - 1) + 1


def _span_of_hours(rows):
    """Return the first and last hour the term's meetings touch, kept within FIRST_HOUR..LAST_HOUR."""
    times = [minutes_of(meeting[edge]) for row in rows for meeting in row.get("meetings") or ()
             for edge in ("start", "end")]
    if not times:
        return FIRST_HOUR, FIRST_HOUR + 1
    return max(min(times) // 60, FIRST_HOUR), min(-(-max(times) // 60), LAST_HOUR)


def _in_lanes(blocks):
    """Put overlapping blocks of a day side by side: each takes the first lane free at its start."""
    lanes, placed = [], []
    for block in blocks:
        lane = next((n for n, last_row in enumerate(lanes) if last_row <= block.row), len(lanes))
        if lane == len(lanes):
            lanes.append(0)
        lanes[lane] = block.row + block.span
        placed.append(replace(block, lane=lane + 1))
    return placed


def week(rows):
    """Return the Week of a term's enrollment rows (each with its course's meetings)."""
    first_hour, last_hour = _span_of_hours(rows)
    per_hour = 60 // SLOT_MINUTES
    result = Week(days={day: [] for day in WEEKDAYS},
                  hours=[(f"{hour:02d}:00", (hour - first_hour) * per_hour + 1) for hour in range(first_hour, last_hour)])
    for row in rows:
        meetings = row.get("meetings") or []
        if not meetings:
            result.unscheduled.append(row)
        for meeting in meetings:
            first, last = _row(meeting["start"], first_hour), _row(meeting["end"], first_hour)
            for day in meeting["days"]:
                block = Block(row["courseID"], row.get("title", ""), day, meeting["start"], meeting["end"],
                              meeting.get("room", ""), first, max(last - first, 1))
                (result.days[day] if day in result.days else result.weekend).append(block)
    for day, blocks in result.days.items():
        result.days[day] = _in_lanes(sorted(blocks, key=lambda block: (block.start, block.course_id)))
    result.weekend.sort(key=lambda block: (WEEKEND.index(block.day), block.start))
    return result

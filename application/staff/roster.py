"""A course's roster: one pipeline from the enrollments to the students, sorted by name; and its CSV."""
import csv
import io
import re

from ..core.stages import lookup, unwind
from ..core.store import aggregate
from ..enrollment.models import Enrollment

CSV_HEADER = ("user_id", "last_name", "first_name", "email", "enrolled_at")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def roster_pipeline(course_id, name=None, skip=None, limit=None):
    """Build: the course's students (name, email, enrolled at) by last then first name, searched by name."""
    search = []
    if name:
        pattern = {"$regex": re.escape(name), "$options": "i"}
        search = [{"$match": {"$or": [{"first_name": pattern}, {"last_name": pattern}]}}]
    stages = [
        {"$match": {"courseID": course_id}},
        lookup("user", "user_id", "user_id", "user"),
        unwind("$user"),
        {"$project": {"_id": 0, "user_id": 1, "first_name": "$user.first_name", "last_name": "$user.last_name",
                      "email": "$user.email", "enrolled_at": "$created_at",
                      "by_last": {"$toLower": "$user.last_name"}, "by_first": {"$toLower": "$user.first_name"}}},
        *search,
        {"$sort": {"by_last": 1, "by_first": 1, "user_id": 1}},  # "de Vries" among the Ds, not after "Young"
        {"$project": {"by_last": 0, "by_first": 0}},
    ]
    if limit is None:
        return stages
    return [*stages, {"$facet": {"items": [{"$skip": skip}, {"$limit": limit}], "total": [{"$count": "n"}]}}]


def roster_page(course_id, name, skip, limit):
    """Run: return (rows, total) for one page of the roster."""
    result = aggregate(Enrollment, roster_pipeline(course_id, name, skip, limit))
    first = result[0] if result else {"items": [], "total": []}
    return first["items"], first["total"][0]["n"] if first["total"] else 0


def safe_cell(value):
    """Return a CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def roster_csv(course_id):
    """Yield the roster as CSV text (RFC 4180: quoted as needed, CRLF line ends), a line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in aggregate(Enrollment, roster_pipeline(course_id)):
        at = row.get("enrolled_at")
        writer.writerow([safe_cell(row.get("user_id")), safe_cell(row.get("last_name")),
                         safe_cell(row.get("first_name")), safe_cell(row.get("email")),
                         at.strftime("%Y-%m-%dT%H:%M:%SZ") if at else ""])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()

"""Waitlists: first come, first served, exact under concurrent requests.

Joining takes a number from the course's own sequence (an atomic counter), so the line is the
order in which requests arrived. When a seat frees, `promote` reserves it (a conditional update
that only the line may use while students wait), then takes the first entry off the line with one
atomic find-and-delete, so no two promotions can take the same student or the same seat; a student
whose rules now fail is skipped and told why, and the seat goes to the next in line.
"""
from ..accounts.models import Counter
from ..core.errors import Conflict, NotFound
from ..core.stages import lookup, unwind
from ..core.store import aggregate, collection_of
from ..core.wording import ordinal
from ..courses.models import Course
from ..notices.services import notify
from . import seats
from .lease import student_lease
from .models import Enrollment, WaitlistEntry
from .standing import course_for_rules, refusal_for

def my_waitlist_pipeline(user_id):
    """Build: the student's waitlist entries with their place in line and their course, by course."""
    ahead = {"$lookup": {"from": "waitlist", "localField": "courseID", "foreignField": "courseID",
                         "let": {"mine": "$seq"},
                         "pipeline": [{"$match": {"$expr": {"$lt": ["$seq", "$$mine"]}}}, {"$count": "n"}],
                         "as": "ahead"}}
    return [
        {"$match": {"user_id": user_id}},
        ahead,
        lookup("course", "courseID", "courseID", "course"),
        unwind("$course"),
        {"$project": {"_id": 0, "courseID": 1, "seq": 1, "created_at": 1, "title": "$course.title",
                      "term": "$course.term", "credits": "$course.credits",
                      "position": {"$add": [{"$ifNull": [{"$arrayElemAt": ["$ahead.n", 0]}, 0]}, 1]}}},
        {"$sort": {"courseID": 1}},
    ]


def my_waitlist(user_id):
    """Run: return the student's waitlist rows (courseID, title, term, position).

    Most students wait in no line: one read the user_id index serves tells, before the pipeline.
    """
    if collection_of(WaitlistEntry).find_one({"user_id": user_id}, projection={"_id": 1}) is None:
        return []
    return aggregate(WaitlistEntry, my_waitlist_pipeline(user_id))


def place_in_line(user_id, course_id):
    """Return the student's position on a course's waitlist, or None when not on it."""
    return next((row["position"] for row in my_waitlist(user_id) if row["courseID"] == course_id), None)


def queue(user_id, course_id):
    """Put the student at the end of a course's line (the caller holds their lease and checked the rules)."""
    entry = WaitlistEntry(user_id=user_id, courseID=course_id, seq=Counter.next_value(f"waitlist:{course_id}"))
    entry.save(force_insert=True)
    collection_of(Course).update_one({"courseID": course_id}, {"$inc": {"waiting": 1}})


def leave(user_id, course_id):
    """Take the student off a course's line; raise NotFound when they are not on it."""
    removed = collection_of(WaitlistEntry).delete_one({"user_id": user_id, "courseID": course_id})
    if not removed.deleted_count:
        raise NotFound(f"You are not on the waitlist of {course_id}.", code="not_waiting")
    collection_of(Course).update_one({"courseID": course_id, "waiting": {"$gt": 0}}, {"$inc": {"waiting": -1}})


def refuse_if_waiting(user_id, course_id):
    """Raise Conflict when the student is already on the course's line."""
    if WaitlistEntry.objects.of(user_id, course_id) is not None:
        position = place_in_line(user_id, course_id)
        raise Conflict(f"You are already on the waitlist of {course_id}, {ordinal(position)} in line.",
                       code="already_waiting")


def promote(course_id):
    """Give every free seat of a course to the first students in line whose rules pass; return who got one."""
    promoted = []
    while seats.take_seat(course_id, before_the_line=True):
        entry = collection_of(WaitlistEntry).find_one_and_delete({"courseID": course_id}, sort=[("seq", 1)])
        if entry is None:
            seats.give_back(course_id)
            break
        collection_of(Course).update_one({"courseID": course_id, "waiting": {"$gt": 0}}, {"$inc": {"waiting": -1}})
        if _seat_from_line(entry["user_id"], course_id):
            promoted.append(entry["user_id"])
    return promoted


def _seat_from_line(user_id, course_id):
    """Enroll the student taken off the line in the reserved seat, or skip them with the reason."""
    with student_lease(user_id):
        refusal = None if Enrollment.objects.holds(user_id, course_id) else refusal_for(
            user_id, course_for_rules(course_id))
        if refusal is None and seats.seat_student(user_id, course_id):
            notify(user_id, "promoted", f"A seat freed up in {course_id}: you are now enrolled.")
            return True
    if refusal is None:
        return False  # already enrolled: the seat went back by seat_student
    seats.give_back(course_id)
    notify(user_id, "skipped", f"A seat freed up in {course_id}, but you could not be enrolled: {refusal.message}")
    return False


def recount_waiting():
    """Make every course's waiting count equal its line's length; return the courses whose count changed."""
    counts = {row["_id"]: row["n"] for row in aggregate(WaitlistEntry, [{"$group": {"_id": "$courseID",
                                                                                  "n": {"$sum": 1}}}])}
    changed = []
    for course in collection_of(Course).find({}, projection={"courseID": 1, "waiting": 1}):
        real = counts.get(course["courseID"], 0)
        if course.get("waiting", 0) != real:
            collection_of(Course).update_one({"_id": course["_id"]}, {"$set": {"waiting": real}})
            changed.append(course["courseID"])
    return changed, counts


def repair():
    """Make waiting counts true and hand free seats to the lines; return {courseID: students promoted}."""
    _, counts = recount_waiting()
    return {course_id: promoted for course_id in counts if (promoted := promote(course_id))}

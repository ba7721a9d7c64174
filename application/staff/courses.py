"""Course management: create, edit, archive, restore and delete, checked like `flask seed` checks a file.

Administrators manage every course; an instructor edits the courses they teach, and only
INSTRUCTOR_FIELDS of them. Capacity never goes below the course's enrollments (one conditional
update, so no enroll can slip in between); raising it gives the freed seats to the waitlist.
"""
from mongoengine.errors import NotUniqueError

from ..accounts.models import User
from ..accounts.roles import Permission, can, teaches
from ..core.errors import Conflict, Forbidden, Invalid
from ..core.store import collection_of
from ..courses.models import Course, UnknownCourse, require_course_id
from ..courses.terms import catalog_changed
from ..discussion.models import Post
from ..enrollment.models import Enrollment, WaitlistEntry
from ..enrollment.waitlist import promote
from ..seeding.specs import SPEC_BY_NAME
from ..seeding.validate import check_document, check_types
from .audit import record
from .course_fields import explain, parse_fields

FIELDS = ("courseID", "title", "description", "credits", "term", "capacity", "instructor_id", "meetings",
          "prerequisites")
INSTRUCTOR_FIELDS = ("description", "capacity", "meetings")


def _course_or_404(course_id):
    """Return the course document, or raise UnknownCourse."""
    course = Course.objects(courseID=require_course_id(course_id)).first()
    if course is None:
        raise UnknownCourse(course_id)
    return course


def editable_fields(actor, course=None):
    """Return the fields the actor may set on a course (None: a new one), or raise Forbidden."""
    if can(actor, Permission.MANAGE_COURSES):
        return FIELDS if course is None else FIELDS[1:]
    if course is not None and teaches(actor, course):
        return INSTRUCTOR_FIELDS
    raise Forbidden("Only administrators manage courses; instructors edit the courses they teach.")


def course_for_editing(actor, course_id):
    """Return (course, fields the actor may change) for the edit page."""
    course = _course_or_404(course_id)
    return course, editable_fields(actor, course)


def _validated(fields, new_instructor=True):
    """Raise Invalid unless the course passes the checks `flask seed` applies to courses.json: types,
    field rules, and references; a newly named instructor must be an active account that may teach
    (a course whose instructor lost that role can still be edited: the admin names another)."""
    spec = SPEC_BY_NAME["course"]
    problems = list(check_types(spec, fields)) or list(check_document(spec, fields))
    instructor_id = fields.get("instructor_id")
    if not problems and instructor_id is not None:
        instructor = User.objects(user_id=instructor_id).only("user_id", "role", "active").first()
        if instructor is None:
            problems.append(("instructor_id", f"there is no user with user_id {instructor_id}"))
        elif new_instructor and not instructor.is_active:
            problems.append(("instructor_id", f"user {instructor_id}'s account is deactivated"))
        elif new_instructor and not can(instructor, Permission.TEACH):
            problems.append(("instructor_id", f"user {instructor_id} is a {instructor.role}: only instructors "
                                              "and administrators teach"))
    if problems:
        errors = {}
        for path, reason in problems:
            field, message = explain(path, reason)
            errors.setdefault(field, []).append(message)
        raise Invalid(errors)


def create_course(actor, submitted):
    """Create a course from submitted text fields; return the Course."""
    editable_fields(actor)
    fields = {name: value for name, value in parse_fields(submitted, FIELDS).items() if value is not None}
    _validated(fields)
    if Course.objects(courseID=fields["courseID"]).first() is not None:
        raise Invalid({"courseID": [f"A course {fields['courseID']} exists already."]})
    try:
        course = Course(**fields).save(force_insert=True)
    except NotUniqueError:
        raise Invalid({"courseID": [f"A course {fields['courseID']} exists already."]}) from None
    record(actor, "course created", course.courseID, after=fields)
    catalog_changed()
    return course


def edit_course(actor, course_id, submitted):
    """Change the fields the actor may change; return the Course.

    Asking to change a field the actor may not change is refused (an instructor's title, say), and
    a refused capacity leaves every field as it was.
    """
    course = _course_or_404(course_id)
    allowed = editable_fields(actor, course)
    _refuse_other_fields(course, allowed, submitted)
    changes = parse_fields(submitted, allowed)
    before = {name: _plain(getattr(course, name)) for name in changes}
    changed = {name: value for name, value in changes.items() if before[name] != value}
    if not changed:
        return course
    _validated({name: value for name, value in {**_record_of(course), **changed}.items() if value is not None},
               new_instructor="instructor_id" in changed)
    capacity = changed.pop("capacity", None)
    if capacity is not None:
        _set_capacity(course, capacity)  # first: when it is refused, nothing else was written
    if changed:
        Course.objects(courseID=course.courseID).update(**{
            (f"set__{name}" if value is not None else f"unset__{name}"): (value if value is not None else True)
            for name, value in changed.items()})
        record(actor, "course edited", course.courseID, {k: before[k] for k in changed}, changed)
    if capacity is not None:
        record(actor, "capacity changed", course.courseID, {"capacity": before["capacity"]}, {"capacity": capacity})
        if capacity > before["capacity"]:
            promote(course.courseID)
    catalog_changed()
    return _course_or_404(course.courseID)


def _refuse_other_fields(course, allowed, submitted):
    """Raise Forbidden when submitted asks to set a course field outside the allowed ones."""
    others = [name for name in FIELDS if name not in allowed and submitted.get(name) is not None]
    if others:
        raise Forbidden(f"You may change only the {', '.join(allowed)} of {course.courseID}, not its "
                        f"{', '.join(others)}.", code="not_editable")


def _set_capacity(course, new):
    """Set the capacity unless fewer seats than enrollments would remain (one conditional update)."""
    updated = collection_of(Course).update_one({"courseID": course.courseID, "enrolled": {"$lte": new}},
                                               {"$set": {"capacity": new}})
    if not updated.matched_count:
        taken = Course.objects(courseID=course.courseID).only("enrolled").first().enrolled
        raise Invalid({"capacity": [f"{course.courseID} has {taken} students enrolled: the capacity cannot be "
                                    f"lower than that."]})


def set_archived(actor, course_id, archived):
    """Archive a course (hidden from the catalog; records kept) or bring it back; administrators only."""
    if not can(actor, Permission.MANAGE_COURSES):
        raise Forbidden("Only administrators archive courses.")
    course = _course_or_404(course_id)
    if bool(course.archived) == archived:
        return
    Course.objects(courseID=course.courseID).update(set__archived=archived)
    record(actor, "course archived" if archived else "course restored", course.courseID,
           {"archived": bool(course.archived)}, {"archived": archived})
    catalog_changed()


def delete_course(actor, course_id):
    """Delete a course nobody is enrolled in or waiting for (its board goes with it); administrators only."""
    if not can(actor, Permission.MANAGE_COURSES):
        raise Forbidden("Only administrators delete courses.")
    course = _course_or_404(course_id)
    # the documents, not the counters: after a mongoimport the counters may lag until `flask recount`
    held = (Enrollment.objects(courseID=course.courseID).count()
            + WaitlistEntry.objects(courseID=course.courseID).count())
    if held:
        raise Conflict(f"{course.courseID} has students enrolled or waiting: archive it instead.", code="in_use")
    Post.objects(courseID=course.courseID).delete()
    course.delete()
    record(actor, "course deleted", course.courseID, _record_of(course), {})
    catalog_changed()


def _record_of(course):
    """Return a course's fields as plain values (meetings as dicts)."""
    return {name: _plain(getattr(course, name)) for name in FIELDS if getattr(course, name) is not None}


def _plain(value):
    """Return embedded documents and lists as plain dicts and lists."""
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.to_mongo().to_dict() if hasattr(value, "to_mongo") else value


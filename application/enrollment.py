"""Enroll, drop, and a student's own enrollments."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from . import pipelines, seats
from .auth import is_safe_next
from .forms import CourseActionForm
from .models import Course
from .seats import Outcome

bp = Blueprint("enrollment", __name__)

MESSAGES = {
    Outcome.ENROLLED: ("success", "You are enrolled in {course}."),
    Outcome.DROPPED: ("info", "You dropped {course}."),
    Outcome.FULL: ("warning", "{course} is full: no seats are left."),
    Outcome.UNKNOWN_COURSE: ("danger", "There is no course {course}."),
    Outcome.ALREADY_ENROLLED: ("info", "You are already enrolled in {course}."),
    Outcome.NOT_ENROLLED: ("info", "You are not enrolled in {course}."),
}


def _back(default):
    """Return to the page the form was on when it is on this site."""
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else default)


def _course_action(action):
    """Run enroll or drop for the submitted courseID and flash the outcome."""
    form = CourseActionForm()
    if not form.validate():
        abort(400, description="; ".join(form.courseID.errors) or "The form was not valid.")
    course_id = form.courseID.data
    outcome = action(current_user.user_id, course_id)
    category, message = MESSAGES[outcome]
    flash(message.format(course=course_id), category)
    return outcome


@bp.route("/enrollment", methods=["GET"])
@login_required
def my_enrollments():
    """List the signed-in student's enrollments by term, with credits per term."""
    rows = pipelines.student_enrollments(current_user.user_id, Course.objects.terms())
    groups = pipelines.credits_by_term(rows)
    return render_template("enrollment/list.html", groups=groups, total=len(rows),
                           form=CourseActionForm(), title="My Enrollments")


@bp.route("/enrollment", methods=["POST"])
@login_required
def enroll():
    """Enroll the signed-in student in the posted courseID."""
    outcome = _course_action(seats.enroll)
    if outcome is Outcome.ENROLLED:
        return _back(url_for("enrollment.my_enrollments"))
    return _back(url_for("courses.catalog"))


@bp.route("/enrollment/drop", methods=["POST"])
@login_required
def drop():
    """Drop the posted courseID for the signed-in student."""
    _course_action(seats.drop)
    return _back(url_for("enrollment.my_enrollments"))

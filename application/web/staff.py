"""Staff pages: the instructor's courses, rosters and their CSV, creating and editing courses, moderation."""
from flask import (Blueprint, Response, current_app, flash, redirect, render_template, request,
                   stream_with_context, url_for)
from flask_login import login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField, TextAreaField

from ..accounts.roles import Permission
from ..core.errors import Invalid
from ..discussion import moderation
from ..staff import courses, teaching
from .access import permission_required, viewer
from .forms import show_errors
from .requests import requested_page

bp = Blueprint("staff", __name__)


class CourseForm(FlaskForm):
    """A course's fields (the services decide what each may be)."""

    courseID = StringField("Course ID")
    title = StringField("Title")
    description = TextAreaField("Description")
    credits = IntegerField("Credits")
    term = StringField("Term")
    capacity = IntegerField("Capacity")
    instructor_id = StringField("Instructor (user id)")
    meetings = TextAreaField("Meetings (one per line: days start-end room)")
    prerequisites = StringField("Prerequisites (course codes)")


def _submitted(fields):
    """Return the posted text of the named form fields."""
    return {name: request.form.get(name) for name in fields if name in request.form}


@bp.route("/teach")
@permission_required(Permission.TEACH)
def teach():
    """List the courses the signed-in instructor teaches, by term, with seats and rosters."""
    return render_template("staff/teach.html", terms=teaching.my_courses(viewer()), title="Teach")


@bp.route("/course/<course_id:course_id>/roster")
@login_required
def roster(course_id):
    """Show one page of a course's roster, searched by name."""
    course, rows, page, seats_left = teaching.roster(viewer(), course_id, request.args.get("q", ""),
                                                     requested_page(), current_app.config["ROSTER_PER_PAGE"])
    return render_template("staff/roster.html", course=course, rows=rows, page=page, seats_left=seats_left,
                           query=request.args.get("q", ""), title=f"Roster · {course.courseID}")


@bp.route("/course/<course_id:course_id>/roster.csv")
@login_required
def roster_csv(course_id):
    """Download a course's whole roster as CSV (streamed)."""
    course, lines = teaching.roster_csv(viewer(), course_id)
    return Response(stream_with_context(lines), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="roster-{course.courseID}.csv"'})


@bp.route("/courses/new", methods=["GET", "POST"])
@permission_required(Permission.MANAGE_COURSES)
def new_course():
    """Create a course (administrators)."""
    fields = courses.editable_fields(viewer())
    form = CourseForm() if request.method == "POST" else CourseForm(formdata=None)
    if request.method == "POST":
        try:
            course = courses.create_course(viewer(), _submitted(fields))
        except Invalid as exc:
            show_errors(form, exc)
            return render_template("staff/course_form.html", form=form, fields=fields, course=None,
                                   title="New course"), 422
        flash(f"{course.courseID} is in the catalog of {course.term}.", "success")
        return redirect(url_for("courses.detail", course_id=course.courseID))
    return render_template("staff/course_form.html", form=form, fields=fields, course=None, title="New course")


@bp.route("/course/<course_id:course_id>/edit", methods=["GET", "POST"])
@login_required
def edit_course(course_id):
    """Edit a course: administrators every field, its instructor the description, capacity and meetings."""
    course, fields = courses.course_for_editing(viewer(), course_id)
    form = CourseForm() if request.method == "POST" else CourseForm(obj=course, formdata=None)
    if request.method == "POST":
        try:
            courses.edit_course(viewer(), course_id, _submitted(fields))
        except Invalid as exc:
            show_errors(form, exc)
            return render_template("staff/course_form.html", form=form, fields=fields, course=course,
                                   title=f"Edit {course.courseID}"), 422
        flash(f"{course.courseID} is saved.", "success")
        return redirect(url_for("courses.detail", course_id=course.courseID))
    form.meetings.data = "\n".join(f"{' '.join(m.days)} {m.start}-{m.end} {m.room}".strip() for m in course.meetings)
    form.prerequisites.data = ", ".join(course.prerequisites)
    return render_template("staff/course_form.html", form=form, fields=fields, course=course,
                           title=f"Edit {course.courseID}")


@bp.route("/course/<course_id:course_id>/archive", methods=["POST"])
@permission_required(Permission.MANAGE_COURSES)
def archive(course_id):
    """Hide a course from the catalog (administrators)."""
    courses.set_archived(viewer(), course_id, True)
    flash(f"{course_id} is archived: it no longer shows in the catalog.", "info")
    return redirect(url_for("courses.detail", course_id=course_id))


@bp.route("/course/<course_id:course_id>/restore", methods=["POST"])
@permission_required(Permission.MANAGE_COURSES)
def restore(course_id):
    """Show an archived course in the catalog again (administrators)."""
    courses.set_archived(viewer(), course_id, False)
    flash(f"{course_id} is back in the catalog.", "info")
    return redirect(url_for("courses.detail", course_id=course_id))


@bp.route("/course/<course_id:course_id>/delete", methods=["POST"])
@permission_required(Permission.MANAGE_COURSES)
def delete(course_id):
    """Delete a course nobody is enrolled in or waiting for (administrators)."""
    courses.delete_course(viewer(), course_id)
    flash(f"{course_id} is deleted.", "info")
    return redirect(url_for("courses.catalog"))


@bp.route("/post/<object_id:post_id>/pin", methods=["POST"])
@login_required
def pin(post_id):
    """Pin a post to the top of its board (the course's instructor, administrators)."""
    post = moderation.pin_post(viewer(), post_id, True)
    flash("The post is pinned to the top of the board.", "info")
    return redirect(url_for("courses.detail", course_id=post.courseID, _anchor="discussion"))


@bp.route("/post/<object_id:post_id>/unpin", methods=["POST"])
@login_required
def unpin(post_id):
    """Unpin a post."""
    post = moderation.pin_post(viewer(), post_id, False)
    flash("The post is no longer pinned.", "info")
    return redirect(url_for("courses.detail", course_id=post.courseID, _anchor="discussion"))

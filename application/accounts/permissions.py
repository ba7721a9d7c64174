"""What one signed-in person may see of another's account."""


def may_see_email(viewer, subject_id):
    """Return True for the person themselves and administrators."""
    return viewer.is_authenticated and (viewer.user_id == subject_id or viewer.is_admin)


def enrollment_scope(viewer, subject_id):
    """Return which of a person's enrollments the viewer may see: "all", "taught" or None.

    Enrollments are education records: the student and administrators see them all, an
    instructor sees only those in courses they teach, everybody else sees none.
    """
    if not viewer.is_authenticated:
        return None
    if viewer.user_id == subject_id or viewer.is_admin:
        return "all"
    if viewer.role == "instructor":
        return "taught"
    return None

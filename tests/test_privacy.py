"""Student records are private: who sees whose enrollments, for every viewer and subject."""
import pytest

SUBJECT = "subject@example.edu"


@pytest.fixture
def school(make):
    """A student enrolled in two courses taught by two instructors, a third instructor, a classmate, an admin."""
    people = {
        "subject": make.user(email=SUBJECT, first_name="Sally", last_name="Subject"),
        "classmate": make.user(email="classmate@example.edu"),
        "teacher_a": make.user(email="a@example.edu", role="instructor"),
        "teacher_b": make.user(email="b@example.edu", role="instructor"),
        "teacher_c": make.user(email="c@example.edu", role="instructor"),
        "admin": make.user(email="admin@example.edu", role="admin"),
    }
    course_a = make.course("HIST-A", title="Course Alpha", instructor_id=people["teacher_a"].user_id)
    course_b = make.course("HIST-B", title="Course Beta", instructor_id=people["teacher_b"].user_id)
    make.course("HIST-C", title="Course Gamma", instructor_id=people["teacher_c"].user_id)
    for course in (course_a, course_b):
        make.enroll(people["subject"], course)
    make.enroll(people["classmate"], course_a)
    make.post(people["subject"], course_a, title="Sally's question")
    return people


@pytest.mark.parametrize("viewer,alpha,beta,email", [
    ("subject", True, True, True),
    ("admin", True, True, True),
    ("teacher_a", True, False, False),
    ("teacher_b", False, True, False),
    ("teacher_c", False, False, False),
    ("classmate", False, False, False),
])
def test_who_sees_a_students_enrollments(client, auth, school, viewer, alpha, beta, email):
    auth.login(school[viewer].email)
    html = client.get(f"/user/{school['subject'].user_id}").get_data(as_text=True)
    assert "Sally Subject" in html and "Student" in html and "Sally&#39;s question" in html
    assert ("Course Alpha" in html.split("Sally&#39;s question")[0]) is alpha
    assert ("Course Beta" in html) is beta
    assert (SUBJECT in html) is email


def test_signed_out_visitors_see_no_profile_at_all(client, school):
    response = client.get(f"/user/{school['subject'].user_id}")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    assert "Course" not in response.get_data(as_text=True)


@pytest.mark.parametrize("viewer", ["subject", "classmate", "teacher_c", "admin"])
def test_an_instructor_profile_shows_what_they_teach_to_every_signed_in_viewer(client, auth, school, viewer):
    auth.login(school[viewer].email)
    html = client.get(f"/user/{school['teacher_c'].user_id}").get_data(as_text=True)
    assert "Teaches" in html and "Course Gamma" in html


def test_boards_and_who_posts_there_stay_visible(client, school):
    html = client.get("/course/HIST-A").get_data(as_text=True)
    assert "Sally&#39;s question" in html and "Sally Subject" in html


def test_walking_sequential_ids_signed_out_reveals_nothing(client, school):
    for user_id in range(1, 10):
        response = client.get(f"/user/{user_id}")
        assert response.status_code == 302 and "Course" not in response.get_data(as_text=True)


@pytest.mark.parametrize("viewer,courses", [("subject", ["HIST-A", "HIST-B"]), ("admin", ["HIST-A", "HIST-B"]),
                                            ("teacher_a", ["HIST-A"]), ("teacher_b", ["HIST-B"]),
                                            ("teacher_c", []), ("classmate", None)])
def test_the_profile_service_hands_over_only_the_allowed_enrollments(school, viewer, courses):
    from application.accounts.profiles import profile

    view = profile(school[viewer], school["subject"].user_id)
    assert (None if view.courses is None else [row["courseID"] for row in view.courses]) == courses
    assert (view.email == SUBJECT) is (viewer in ("subject", "admin"))
    assert not hasattr(view.user, "email") and not hasattr(view.user, "password")


@pytest.mark.parametrize("subject,viewer,courses", [
    ("teacher_b", "teacher_a", ["HIST-A"]), ("teacher_b", "teacher_b", ["HIST-A", "HIST-C"]),
    ("admin", "teacher_c", ["HIST-C"]), ("admin", "classmate", None), ("teacher_b", "admin", ["HIST-A", "HIST-C"]),
])
def test_staff_subjects_with_loaded_enrollments_follow_the_same_rule(school, subject, viewer, courses):
    from application.accounts.profiles import profile
    from application.enrollment.models import Enrollment

    for course_id in ("HIST-A", "HIST-C"):  # as an import could hold them; the site lets no staff enroll
        Enrollment(user_id=school[subject].user_id, courseID=course_id).save()
    view = profile(school[viewer], school[subject].user_id)
    assert (None if view.courses is None else [row["courseID"] for row in view.courses]) == courses


@pytest.mark.parametrize("bad_id", ["1", True, None, 0, -3, 2**60, {"$gt": 0}])
def test_the_profile_service_refuses_anything_but_a_user_id(school, bad_id):
    from application.accounts.profiles import profile
    from application.core.errors import NotFound

    with pytest.raises(NotFound):
        profile(school["admin"], bad_id)


def test_the_profile_service_refuses_visitors(school):
    from application.accounts.models import Anonymous
    from application.accounts.profiles import profile
    from application.core.errors import Forbidden

    with pytest.raises(Forbidden):
        profile(Anonymous(), school["subject"].user_id)

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

"""Registration opening: N students sign in and enroll into 20 courses at the same moment."""
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .client import Browser

OPEN_COURSES = [f"OPEN{i:02d}-F26" for i in range(1, 21)]
SEATS_LEFT = re.compile(r"(\d+) of \d+ seats? left|>\s*Full\s*<")


def open_courses(capacity, instructor_id):
    """Return the 20 course records the run fights over (each `capacity` seats, empty)."""
    return [{"courseID": course_id, "title": f"Open Seminar {n}", "description": "Registration opening run.",
             "credits": 3, "term": "Fall 2026", "capacity": capacity, "instructor_id": instructor_id}
            for n, course_id in enumerate(OPEN_COURSES, start=1)]


@dataclass
class Outcome:
    """What the run measured and found."""

    students: int
    seconds: float
    enroll_rps: float
    enroll_p50_ms: float
    enroll_p99_ms: float
    sign_in_p99_ms: float
    errors: int
    enrolled: int
    seats_taken: int
    over_capacity: int


def _percentile(values, fraction):
    """Return the value below which `fraction` of the values lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run(base, students, password, capacity, concurrency=32):
    """Sign the students in, release every enroll click at once, then check seats against enrollments."""
    browsers, sign_ins, errors = [], [], []
    for email in students:
        browser = Browser(base)
        try:
            sign_ins.append(browser.sign_in(email, password))
            browser.get("/courses/Fall%202026")
        except Exception as exc:  # a failed sign-in is an error of the run
            errors.append(str(exc))
        browsers.append(browser)
    start_together = threading.Barrier(min(concurrency, len(browsers)))
    latencies = []

    def click(pair):
        index, browser = pair
        if index < concurrency:
            start_together.wait()
        started = time.perf_counter()
        status, _ = browser.post("/enrollment", {"courseID": OPEN_COURSES[index % len(OPEN_COURSES)],
                                                 "next": "/enrollment"})
        latencies.append(time.perf_counter() - started)
        if status != 200:
            errors.append(f"enroll answered {status}")

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(click, enumerate(browsers)))
    seconds = time.perf_counter() - began
    per_course = {course_id: 0 for course_id in OPEN_COURSES}
    for browser in browsers:
        for course_id in _mine(browser):
            per_course[course_id] += 1
    over = sum(count > capacity for count in per_course.values())
    return Outcome(len(browsers), seconds, len(latencies) / seconds, 1000 * statistics.median(latencies or [0]),
                   1000 * _percentile(latencies, 0.99), 1000 * _percentile(sign_ins, 0.99), len(errors),
                   sum(per_course.values()), _seats_taken(base, capacity), over)


def _mine(browser):
    """Return the open courses a student's My Enrollments lists."""
    _, text = browser.get("/enrollment")
    return [course_id for course_id in OPEN_COURSES if f">{course_id}<" in text]


def _seats_taken(base, capacity):
    """Return the seats the course pages show as taken, over the open courses."""
    visitor, taken = Browser(base), 0
    for course_id in OPEN_COURSES:
        _, text = visitor.get(f"/course/{course_id}")
        found = SEATS_LEFT.search(text)
        taken += capacity - (int(found.group(1)) if found and found.group(1) else 0)
    return taken

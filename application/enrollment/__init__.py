"""Enrollment: seats that hold under concurrent clicks, enroll and drop, a student's courses."""

"""Courses: the catalog term by term and one course's page."""

"""Notices: what happened to a student while they were away (a seat from the waitlist), shown once."""

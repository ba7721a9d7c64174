"""Staff: the instructor's courses and rosters, course management, moderation, user administration, the audit log."""

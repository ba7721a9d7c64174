"""Accounts: users, sign-in, profiles and the user-id sequence."""

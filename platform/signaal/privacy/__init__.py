"""Privacy: a person's own data — download it, delete it, and forget inactive accounts.

Deleting an account does not delete its rows: the `users` row stays as an
anonymous tombstone (random user name, no name, no e-mail, no password), so
enrolments, attempts and memberships keep counting in an organisation's
statistics while nothing in them points at a person any more.
"""

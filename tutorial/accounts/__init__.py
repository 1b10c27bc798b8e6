"""Accounts: logging in and out on the session, and the list of a user's sessions.

Django's ``contrib.auth`` keeps the logged-in user in the session (``_auth_user_id`` and friends).
This app adds what a careful site needs around it: remember me, an absolute login lifetime, a
login throttle, and a page where users see and end their sessions on other devices.
"""

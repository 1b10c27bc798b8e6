"""A login throttle: a few lines around the cache, so guessing passwords gets slow.

Failed logins are counted per username *and* IP address. Counting per username alone would let
anyone lock a user out from anywhere; counting per address alone would block a whole school
behind one address. After ``ACCOUNTS_LOGIN_FAILURE_LIMIT`` failures within
``ACCOUNTS_LOGIN_FAILURE_WINDOW`` seconds, that username is refused from that address for
``ACCOUNTS_LOGIN_LOCKOUT`` seconds, right password or not.

The counts live in Django's cache, not in the session (a failed login must create no session)
and not in the database (no write per guess). With Redis every server process shares them; with
the default local-memory cache each process counts for itself.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


class LoginThrottle:
    def __init__(self, username, ip_address):
        # Hashed: the cache key stays short and holds no username, whatever was typed.
        who = f"{username.strip().casefold()}\n{ip_address or '-'}"
        self.cache_key = "accounts:login-failures:" + hashlib.sha256(who.encode()).hexdigest()

    def is_locked(self):
        return cache.get(self.cache_key, 0) >= settings.ACCOUNTS_LOGIN_FAILURE_LIMIT

    def record_failure(self):
        """Count one failure; the failure that reaches the limit starts the lockout."""
        cache.add(self.cache_key, 0, timeout=settings.ACCOUNTS_LOGIN_FAILURE_WINDOW)
        try:
            failures = cache.incr(self.cache_key)
        except ValueError:  # The window ran out between add() and incr().
            failures = 1
            cache.set(self.cache_key, failures, timeout=settings.ACCOUNTS_LOGIN_FAILURE_WINDOW)
        if failures >= settings.ACCOUNTS_LOGIN_FAILURE_LIMIT:
            cache.touch(self.cache_key, timeout=settings.ACCOUNTS_LOGIN_LOCKOUT)
        return failures

    def reset(self):
        """A successful login wipes the slate."""
        cache.delete(self.cache_key)

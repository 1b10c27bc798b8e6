"""Demo learners for a local run (``manage.py demo_data``): never in production.

The login page lists these credentials in local mode, so a learner can log in at once, and in
two browsers as the same person to watch "your sessions".
"""

from django.conf import settings
from django.contrib.auth import get_user_model

LEARNERS = [("alice", "alice-sessions"), ("bob", "bob-sessions")]


def load(stdout):
    if settings.PRODUCTION:
        return
    User = get_user_model()
    for username, password in LEARNERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_user(username=username, password=password)
        elif not user.check_password(password):
            # Someone changed it on the password page: put back what the login page promises.
            user.set_password(password)
            user.save(update_fields=["password"])
    stdout.write("Demo learners: " + ", ".join(name for name, _ in LEARNERS))

"""The backend lab: move your own session between Django's five session engines.

``SESSION_ENGINE`` is one setting for the whole site. The lab lets each learner pick their own
engine (kept in a cookie of its own, since it cannot live in the session it chooses), and shows
where their data now lives and what that costs. Everyone else stays on the site's default.
"""

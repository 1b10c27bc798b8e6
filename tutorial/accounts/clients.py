"""Who is on the other end of a request: the client's IP address and a name for its browser."""

import ipaddress

from django.conf import settings
from django.utils.translation import gettext as _

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = [
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
]
# Android also says "Linux", iOS also says "Mac OS X".
SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def client_ip(request):
    """The client's IP address, or ``None`` when it is not a valid address.

    ``REMOTE_ADDR`` is whoever opened the connection. Behind a reverse proxy that is the proxy,
    and the client's address is in a header the proxy sets (``X-Forwarded-For``). Anyone can send
    that header too, so it is read only when ``ACCOUNTS_CLIENT_IP_HEADER`` says the deployment
    has such a proxy; then the *last* address counts, the one our proxy appended itself.
    """
    value = request.META.get("REMOTE_ADDR", "")
    if header := settings.ACCOUNTS_CLIENT_IP_HEADER:
        forwarded = request.headers.get(header, "")
        if forwarded.strip():
            value = forwarded.split(",")[-1]
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def _first_match(user_agent, table):
    return next((name for token, name in table if token in user_agent), None)


def describe_browser(user_agent):
    """A rough name such as "Firefox on Android": enough to tell a user's devices apart.

    User agents are free text and full of historical lies, so this only looks for a few
    well-known tokens; it is a label for people, not something to make decisions on.
    """
    browser = _first_match(user_agent, BROWSERS)
    system = _first_match(user_agent, SYSTEMS)
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or _("Unknown browser")

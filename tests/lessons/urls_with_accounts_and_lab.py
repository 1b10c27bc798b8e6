"""The site's URLs plus stand-ins for pages other parts of the site add later.

The accounts app ("login", "logout") and the backend lab ("lab") are built separately; the
lessons link to them only when they exist, and these tests check both sides of that.
"""

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import path

from tutorial.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    *site_urlpatterns,
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("lab/", lambda request: HttpResponse("lab"), name="lab"),
]

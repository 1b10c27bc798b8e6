"""Django's auth URL names (``login``, ``logout``, ``password_change``, ``password_change_done``),
with no namespace so that ``LOGIN_URL = "login"`` and Django's own templates find them."""

from django.contrib.auth import views as auth_views
from django.urls import path

from tutorial.accounts import views

urlpatterns = [
    path("", views.account, name="account"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("signup/", views.SignupView.as_view(), name="signup"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("sessions/<int:pk>/logout/", views.end_session, name="end_session"),
    path("sessions/logout-others/", views.end_other_sessions, name="end_other_sessions"),
]

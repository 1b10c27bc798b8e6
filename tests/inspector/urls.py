"""The real site, plus the test-only views that change the session."""

from django.urls import include, path

from tests.inspector import views

urlpatterns = [
    path("lab/", views.lab),
    path("lab/set/", views.set_value),
    path("lab/delete/", views.delete_value),
    path("lab/cart/<int:product_id>/", views.add_to_cart),
    path("lab/expiry/", views.set_expiry),
    path("lab/flush/", views.flush),
    path("lab/cycle/", views.cycle_key),
    path("lab/login/", views.log_in),
    path("lab/logout/", views.log_out),
    path("lab/read/", views.read),
    path("", include("tutorial.urls")),
]

from django.urls import path

from tutorial.inspector import views

app_name = "inspector"
urlpatterns = [
    path("", views.page, name="page"),
    path("state/", views.state, name="state"),
]

from django.urls import path

from tutorial.lab import views

# No namespace: the lessons reverse "lab" to link here once the lab is installed.
urlpatterns = [
    path("", views.lab, name="lab"),
    path("switch/", views.lab_switch, name="lab_switch"),
]

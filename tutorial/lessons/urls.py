from django.urls import path

from tutorial.lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.index, name="index"),
    path("reset/", views.reset, name="reset"),
    path("whoami/", views.whoami, name="whoami"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/try/<slug:action>/", views.try_it, name="try"),
]

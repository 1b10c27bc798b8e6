from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from tutorial import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("shop/", include("shop.urls")),
    path("accounts/", include("tutorial.accounts.urls")),
    path("lessons/", include("tutorial.lessons.urls")),
    path("inspector/", include("tutorial.inspector.urls")),
    path("lab/", include("tutorial.lab.urls")),
]

if settings.DEBUG_TOOLBAR:
    from debug_toolbar.toolbar import debug_toolbar_urls

    urlpatterns += debug_toolbar_urls()

"""The site's URLs without the backend lab: lesson 8 as it reads on a site that has none."""

from tutorial.urls import urlpatterns as site_urlpatterns

urlpatterns = [pattern for pattern in site_urlpatterns if str(pattern.pattern) != "lab/"]

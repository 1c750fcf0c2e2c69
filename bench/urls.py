"""The portal's URLs with the benchmark's baseline view on top (only in the bench run, via bench.settings)."""

from django.urls import path

from bench import views
from portal.urls import handler404, handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("bench/baseline/", views.baseline, name="bench-baseline"), *portal_urlpatterns]

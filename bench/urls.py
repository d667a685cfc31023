"""Bench-only URLconf: the product's URLs plus two reference views that touch no model."""

from django.shortcuts import render
from django.urls import include, path


def bare(request):
    """A static template through the full middleware stack: the floor of any page."""
    return render(request, "bench/bare.html")


def bare_layout(request):
    """The same static text inside the site's layout (base.html: nav, user menu, footer)."""
    return render(request, "bench/bare_layout.html")


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/bare-layout/", bare_layout, name="bench_bare_layout"),
    path("", include("qvt.urls")),
]

from django.urls import path  # noqa: F401 - the exercises' pages are added below

app_name = "exercises"

urlpatterns = []

"""URLs of the agencies app (namespace ``agencies``)."""

from django.urls import path  # noqa: F401

from .views import members, practices  # noqa: F401

app_name = "agencies"

urlpatterns = [
    # The team and invitations (views/members.py)
    # The good-practice directory (views/practices.py)
]

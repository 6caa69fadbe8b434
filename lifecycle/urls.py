"""The URLs of an app's lifecycle actions, generated from its table."""

from django.urls import path


def action_urls(route, actions, view, *, name_prefix=""):
    """One URL per action: ``route`` then the action's slug, named
    ``name_prefix`` + its name, calling ``view`` with ``name=`` its name.

    ``action_urls("laporan/<int:pk>/", ACTIONS, report_action)`` gives
    ``laporan/<pk>/setujui/`` named ``approve`` for ``ACTIONS["approve"]``."""
    return [
        path(f"{route}{action.slug}/", view, {"name": name}, name=f"{name_prefix}{name}")
        for name, action in actions.items()
    ]

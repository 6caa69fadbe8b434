"""The people of the permission tables (``tests/<app>/test_rules.py``), built
in memory so that a predicate that does not query runs without a database:
each role of the visiting agency, of the host and of an unrelated agency,
the same people with their account deactivated, a national administrator
without an agency, and an anonymous visitor.

A table names whom a predicate lets through (``of("visitor", WRITERS,
states)``); ``granted`` tries every person on every object, so everyone
else — the other agency, the wrong role, the wrong state, an inactive
account, anonymous — is a false case of the same test."""

import inspect
import itertools

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from agencies.models import Agency, Membership, Role, User

VISITOR = Agency(pk=1, name="Dinas Sosial Kota Salatiga", short_name="Dinsos Kota Salatiga")
HOST = Agency(pk=2, name="Dinas Sosial Kota Magelang", short_name="Dinsos Kota Magelang")
OUTSIDER = Agency(pk=3, name="Dinas Sosial Kota Malang", short_name="Dinsos Kota Malang")
AGENCIES = {"visitor": VISITOR, "host": HOST, "outsider": OUTSIDER}

ROLES = tuple(Role)
SCHEDULERS = (Role.STAFF, Role.HEAD, Role.ADMIN)

_numbers = itertools.count(1)


def person(agency=None, role=Role.STAFF, *, active=True, national_admin=False) -> User:
    """An unsaved user, with a membership of ``agency`` in ``role`` when given.
    Unsaved, so that reading their membership asks no database."""
    n = next(_numbers)
    user = User(
        email=f"orang{n}@studitiru.test",
        name=f"Orang {n}",
        is_active=active,
        is_staff=national_admin,
        is_superuser=national_admin,
    )
    if agency is not None:
        Membership(user=user, agency=agency, role=role)  # caches user.membership
    return user


def people() -> dict:
    """Everyone of the tables by name: "visitor staff", "host head",
    "outsider penyuluh", "inactive visitor admin", "national admin", "anonymous"."""
    everyone = {}
    for where, agency in AGENCIES.items():
        for role in ROLES:
            everyone[f"{where} {role}"] = person(agency, role)
    for where in ("visitor", "host"):
        for role in ROLES:
            everyone[f"inactive {where} {role}"] = person(AGENCIES[where], role, active=False)
    everyone["national admin"] = person(national_admin=True)
    everyone["anonymous"] = AnonymousUser()
    return everyone


def of(where, roles, states) -> set:
    """The (person, state) pairs of ``roles`` of the agency ``where`` in ``states``."""
    return {(f"{where} {role}", state) for role in roles for state in states}


def granted(predicate, objects: dict) -> set:
    """The (person, key) pairs for which ``predicate(person, objects[key])`` holds."""
    return {
        (name, key)
        for name, user in people().items()
        for key, obj in objects.items()
        if predicate(user, obj)
    }


def request_by(user):
    """A request of ``user``, for the loaders."""
    request = RequestFactory().get("/")
    request.user = user
    return request


class Pinned(set):
    """The functions of a permissions module that a test file pins: a table
    adds its predicates, ``@pinned.by(function)`` marks any other test."""

    def by(self, *functions):
        def mark(test):
            self.update(functions)
            return test

        return mark

    def missing_from(self, module) -> set:
        """The names of ``module``'s public functions that no test pins."""
        public = {
            function
            for name, function in inspect.getmembers(module, inspect.isfunction)
            if function.__module__ == module.__name__ and not name.startswith("_")
        }
        return {function.__name__ for function in public - self}

"""Assertions shared by the tests of the pages every agency member sees: who
is turned away, and how."""

from tests.factories import make_user


def assert_sends_anonymous_users_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/akun/login/?next={url}"


def assert_refuses_an_account_without_an_agency(client, url):
    client.force_login(make_user(None))
    assert client.get(url).status_code == 403

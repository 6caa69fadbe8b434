"""The login limits as production runs them: gunicorn with three worker
processes, DEBUG off, PostgreSQL (a database of this test's own), the
counters in the database cache every worker shares, behind one trusted proxy
(ALLAUTH_TRUSTED_PROXY_COUNT=1; the proxy's X-Forwarded-For is sent by hand).

Each worker process serves one request and is replaced (--max-requests 1,
the application preloaded so a new worker is a quick fork): no process
answers more than one attempt, so a counter kept in one process's memory
could never block. The access log names the process of each request.
The server is started on a free loopback port, waited for on /sehat/, and
always stopped."""

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.load import Gunicorn, free_port
from tests.postgres import create_database, drop_database, reachable_server

ROOT = Path(__file__).resolve().parent.parent.parent
BLOCKED = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
WRONG = "Alamat e-mail dan/atau kata sandi yang anda masukkan tidak benar."
# Clients behind the proxy (documentation addresses: only ever in a header);
# each test has its own, the module shares one server and its counters.
ATTACKER, CLIENT_A, CLIENT_B = "203.0.113.10", "203.0.113.20", "203.0.113.30"
USERS = "\n".join(
    [
        "from agencies.models import Agency, Membership, Regency, Role, User",
        "r = Regency.objects.select_related('province').get(code='33.73')",
        "a = Agency.objects.create(name='Dinas Sosial Kota Salatiga', short_name='Dinsos Salatiga',"
        " slug='kota-salatiga', level=r.kind, province=r.province, regency=r)",
        "for n in ('target', 'b'):",
        "    u = User.objects.create_user(email=f'{n}@test.id', password='Kata-sandi-benar-1', name=n)",
        "    Membership.objects.create(user=u, agency=a, role=Role.STAFF)",
    ]
)


class LoggedGunicorn(Gunicorn):
    """The benchmark's gunicorn, one request per worker process, with an access
    log naming the process of each request."""

    def command(self):
        return super().command() + [
            "--preload",
            "--max-requests",
            "1",
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            "%(p)s %(m)s %(U)s %(s)s",
        ]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    server = reachable_server("the login limits under gunicorn")
    name = f"studitiru_ratelimit_{os.getpid()}"
    workdir = tmp_path_factory.mktemp("gunicorn")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "ALLAUTH_"))}
    port = free_port()
    env |= {
        "DJANGO_SETTINGS_MODULE": "studitiru.settings",
        "DATABASE_URL": server + name,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Static files from the finders (no collectstatic) and quick hashing.
        "TESTING": "true",
        "MEDIA_ROOT": str(workdir / "media"),
        "PORTAL_URL": f"http://127.0.0.1:{port}",
        "TASKS_BACKEND": "immediate",
        # Plain HTTP on loopback: the production defaults for TLS are off.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        # One nginx in front, which appends the client's address.
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        # The address limit as an operator may set it: 30 failures in 10
        # minutes, so that the 31 attempts below fall in one window even
        # when a busy machine answers each in seconds. The account limit is
        # the default (5 in 5 minutes).
        "LOGIN_FAILURES_PER_ADDRESS": "30/10m",
    }
    create_database(server, name)
    gunicorn = LoggedGunicorn(
        env=env, port=port, workers=3, threads=1, log_path=workdir / "gunicorn.log"
    )
    gunicorn.access_log = workdir / "access.log"
    try:
        for command in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", USERS]):
            done = subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert done.returncode == 0, done.stderr
        gunicorn.start()
        yield gunicorn
    finally:
        gunicorn.stop()
        drop_database(server, name)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's browser behind the proxy: its cookies, its address."""

    def __init__(self, base_url, address):
        self.base_url, self.address = base_url, address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect
        )

    def log_in(self, email, password):
        """Posts the login form; returns (status, page)."""
        url = self.base_url + "/akun/login/"
        headers = {"X-Forwarded-For": self.address}
        with self.opener.open(urllib.request.Request(url, headers=headers), timeout=30) as page:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode())
        form = {"login": email, "password": password, "csrfmiddlewaretoken": token.group(1)}
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(form).encode(), headers=headers | {"Referer": url}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def answer(status, page):
    if status == 302:
        return "in"
    return "blocked" if BLOCKED in page else "wrong" if WRONG in page else f"{status}?"


def attempts_per_process(portal):
    """How many login attempts (POSTs) each worker process answered."""
    lines = Path(portal.access_log).read_text().splitlines()
    return Counter(line.split()[0] for line in lines if " POST /akun/login/ " in line)


def test_five_failures_of_an_account_block_it_at_the_sixth_across_worker_processes(portal):
    answers = [
        answer(*Browser(portal.base_url, ATTACKER).log_in("target@test.id", f"tebakan-{n}"))
        for n in range(20)
    ]
    right = Browser(portal.base_url, ATTACKER).log_in("target@test.id", "Kata-sandi-benar-1")

    assert answers == ["wrong"] * 5 + ["blocked"] * 15
    assert answer(*right) == "blocked"
    # No process saw five attempts itself: the blocks came from shared counters.
    assert max(attempts_per_process(portal).values()) < 5


def test_two_clients_behind_one_proxy_do_not_lock_each_other_out(portal):
    a, b = Browser(portal.base_url, CLIENT_A), Browser(portal.base_url, CLIENT_B)
    # Client A tries 31 addresses (30 failures is its address's limit).
    answers = [answer(*a.log_in(f"tidak-ada-{n}@test.id", "salah")) for n in range(31)]

    assert answers == ["wrong"] * 30 + ["blocked"]
    assert answer(*a.log_in("b@test.id", "Kata-sandi-benar-1")) == "blocked"
    assert answer(*b.log_in("b@test.id", "Kata-sandi-benar-1")) == "in"

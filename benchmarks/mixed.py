"""The mixed load of the benchmark (README, "Benchmark"): people of several
agencies at work on the portal at once, over HTTP like browsers.

- **Readers** (8 by default, staff of eight agencies) log in through the login
  page and read their agency's key pages in a loop, without pause: the
  dashboard, the visit list, the calendar, the ATM list, the report list, the
  news, and the pages the writers change.
- **Writers** change those pages through the real forms, with the CSRF token
  and the edit guard's version the form showed: a visit's lifecycle (the host
  proposes another date, the visitor refuses it, around again), a delegation
  (a participant added, renamed, removed) and a report (its summary saved).
  Together they keep to ``write_rate`` writes a second.
- **Stale reads.** After each write its writer reads the page that must show
  it; and from the moment the write was answered, every reader of an agency
  that must see it checks it on that page, until the next write of the same
  object is sent. A page without the write is a stale read.

Nothing here imports Django: ``mixed_targets`` (in-process, in ``run.py``)
chooses the accounts, visits and reports; this module only talks HTTP.
"""

import http.cookiejar
import itertools
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from benchmarks.forms import post_form, shifted_date
from benchmarks.load import BenchmarkError

# How many failures are kept with their details (all are counted).
KEPT_DETAILS = 20


# --- Measuring ------------------------------------------------------------------------


class Stats:
    """Every request's latency by kind (``read``, ``form``, ``write``), the
    errors and the stale reads, shared by all the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {"read": [], "form": [], "write": []}
        self.errors = []
        self.error_count = 0
        self.stale = []
        self.stale_count = 0
        self.checks = 0
        self.writes_by_kind = {}

    def timed(self, kind, seconds):
        with self.lock:
            self.latencies[kind].append(seconds * 1000)

    def error(self, what):
        with self.lock:
            self.error_count += 1
            if len(self.errors) < KEPT_DETAILS:
                self.errors.append(what)

    def checked(self, stale_detail=None):
        with self.lock:
            self.checks += 1
            if stale_detail is not None:
                self.stale_count += 1
                if len(self.stale) < KEPT_DETAILS:
                    self.stale.append(stale_detail)

    def wrote(self, kind):
        with self.lock:
            self.writes_by_kind[kind] = self.writes_by_kind.get(kind, 0) + 1


def percentiles(values) -> dict:
    if not values:
        return {"count": 0, "p50": 0.0, "p95": 0.0, "p99": 0.0, "max": 0.0}
    ordered = sorted(values)
    if len(ordered) == 1:
        cuts = ordered * 99
    else:
        cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "count": len(ordered),
        "p50": round(cuts[49], 1),
        "p95": round(cuts[94], 1),
        "p99": round(cuts[98], 1),
        "max": round(ordered[-1], 1),
    }


@dataclass
class Expectation:
    """What a page must show (``needle`` present, or absent) once a write
    was answered; ``superseded`` once the next write of its object is sent."""

    needle: str
    present: bool
    what: str
    superseded: bool = False

    def holds(self, page) -> bool:
        return (self.needle in page) == self.present


class Expectations:
    """The latest expectation of each (agency, path)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_page = {}

    def supersede(self, keys):
        with self.lock:
            for key in keys:
                if key in self.by_page:
                    self.by_page[key].superseded = True

    def expect(self, keys, expectation_for):
        with self.lock:
            for key in keys:
                self.by_page[key] = expectation_for(key)

    def current(self, key):
        with self.lock:
            return self.by_page.get(key)


# --- A browser ------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's session: cookies, CSRF, no automatic redirects."""

    def __init__(self, base_url, stats, *, agency=None, timeout=30):
        self.base_url = base_url
        self.stats = stats
        self.agency = agency
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def request(self, path, data=None):
        """(status, body, Location) of one request."""
        url = urllib.parse.urljoin(self.base_url, path)
        headers = {"Referer": url}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return response.status, response.read().decode(), response.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers.get("Location")

    def timed(self, kind, path, data=None):
        began = time.perf_counter()
        try:
            status, page, location = self.request(path, data)
        except OSError as error:
            self.stats.error(f"{kind} {path}: {error!r}")
            return None, "", None
        self.stats.timed(kind, time.perf_counter() - began)
        return status, page, location

    def read(self, path, kind="read"):
        status, page, _location = self.timed(kind, path)
        if status != 200:
            if status is not None:
                self.stats.error(f"GET {path} answered {status}")
            return None
        return page

    def submit(self, path, needed, change, action=None):
        """Open the form page, change the fields (``change(fields)``) and send
        it (the form sent to ``action``, when given); the redirect's address,
        or None (counted as an error)."""
        page = self.read(path, kind="form")
        if page is None:
            return None
        form = post_form(page, needed, action)
        fields = dict(form["fields"])
        change(fields)
        action = urllib.parse.urljoin(path, form["action"]) if form["action"] else path
        status, _page, location = self.timed("write", action, fields)
        if status != 302:
            if status is not None:
                self.stats.error(f"POST {action} answered {status}, not a redirect")
            return None
        return location

    def log_in(self, email, password):
        status, page, _ = self.request("/akun/login/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or not match:
            raise BenchmarkError(f"the login page answered {status} without a CSRF token")
        form = {"login": email, "password": password, "csrfmiddlewaretoken": match.group(1)}
        status, _page, location = self.request("/akun/login/", form)
        if status != 302:
            raise BenchmarkError(f"logging in as {email} answered {status}, not a redirect")
        self.request(location)  # shows and drops the "signed in" message


# --- The people -----------------------------------------------------------------------


@dataclass
class Run:
    base_url: str
    password: str
    stats: Stats = field(default_factory=Stats)
    expectations: Expectations = field(default_factory=Expectations)
    stop: threading.Event = field(default_factory=threading.Event)

    def browser(self, email, agency):
        browser = Browser(self.base_url, self.stats, agency=agency)
        browser.log_in(email, self.password)
        return browser

    def check(self, browser, path, kind="read"):
        """Read ``path`` as ``browser``; check the write its agency must see."""
        key = (browser.agency, path)
        expected = self.expectations.current(key)
        page = browser.read(path, kind)
        if page is None or expected is None:
            return page
        # A write sent meanwhile may rightly have changed the page again.
        if expected.superseded:
            return page
        if expected.holds(page):
            self.stats.checked()
        else:
            verb = "without" if expected.present else "still with"
            self.stats.checked(f"agency {browser.agency} read {path} {verb} {expected.what}")
        return page


class Reader:
    """One person reading the agency's ``pages`` in a loop, without pause."""

    def __init__(self, run, account):
        self.run, self.account = run, account

    def prepare(self):
        self.browser = self.run.browser(self.account["email"], self.account["agency"])

    def loop(self):
        for path in itertools.cycle(self.account["pages"]):
            if self.run.stop.is_set():
                return
            self.run.check(self.browser, path)


class Writer:
    """A writer's loop at ``interval`` seconds a write; ``step`` does one."""

    kind = ""

    def __init__(self, run, target, interval):
        self.run, self.target, self.interval = run, target, interval
        self.rng = random.Random(str(target))

    def loop(self):
        next_at = time.monotonic() + self.rng.uniform(0, self.interval)
        count = 0
        while not self.run.stop.is_set():
            delay = next_at - time.monotonic()
            if delay > 0 and self.run.stop.wait(delay):
                return
            next_at += self.interval
            count += 1
            if self.step(count):
                self.run.stats.wrote(self.kind)

    def write(self, browser, keys, path, needed, change, expectation_for, action=None):
        """One write through a form: the old expectations of ``keys`` are
        superseded before it is sent, the new ones set once it is answered."""
        self.run.expectations.supersede(keys)
        location = browser.submit(path, needed, change, action)
        if location is None:
            return None
        self.run.expectations.expect(keys, expectation_for)
        # Where the form leads, as a browser goes: the page with the message
        # of what was done (which names it), so it checks nothing.
        browser.read(location)
        return location


class LifecycleWriter(Writer):
    """The host proposes another date; the visitor refuses it; again."""

    kind = "lifecycle"

    def prepare(self):
        t = self.target
        self.host = self.run.browser(t["host_email"], t["host"])
        self.visitor = self.run.browser(t["visitor_email"], t["visitor"])
        self.path = f"/kunjungan/{t['visit']}/"
        self.proposed = t["status"] == "date_proposed"
        self.keys = [(t["host"], self.path), (t["visitor"], self.path)]

    def step(self, count):
        propose, refuse = self.path + "usulkan-tanggal/", self.path + "tolak-tanggal/"
        # Who may take the next step sees its link; the other side does not.
        link = refuse if not self.proposed else propose
        t = self.target

        def expectation(key):
            agency = key[0]
            mine = (agency == t["visitor"]) == (link == refuse)
            what = "the date proposed" if link == refuse else "the proposal refused"
            return Expectation(f'href="{link}"', present=mine, what=what)

        if not self.proposed:
            days = 1 + count % 9

            def change(fields):
                fields["start_date"] = shifted_date(fields["start_date"], days)
                if fields.get("end_date"):  # empty: the same day
                    fields["end_date"] = shifted_date(fields["end_date"], days)
                fields["comment"] = f"Usul uji beban {count}"

            done = self.write(self.host, self.keys, propose, "start_date", change, expectation)
        else:

            def change(fields):
                fields["comment"] = f"Tolak uji beban {count}"

            done = self.write(self.visitor, self.keys, refuse, "comment", change, expectation)
        if done is None:
            return False
        self.proposed = not self.proposed
        for browser in (self.host, self.visitor):
            self.run.check(browser, self.path)
        return True


class ParticipantWriter(Writer):
    """A participant of the delegation added, renamed, then removed."""

    kind = "participants"

    def prepare(self):
        t = self.target
        self.browser = self.run.browser(t["email"], t["agency"])
        self.path = f"/kunjungan/{t['visit']}/peserta/"
        self.keys = [(t["agency"], self.path)]
        self.participant = None  # (pk, name)

    def step(self, count):
        token = f"{self.target['visit']}x{count}"
        if self.participant is None:
            name = f"Peserta Uji {token}"

            def change(fields):
                fields.update(name=name, nip="", phone="", email="")

            location = self.write(
                self.browser,
                self.keys,
                self.path + "tambah/",
                "name",
                change,
                lambda key: Expectation(name, True, f"the participant {name} added"),
            )
            match = re.search(r"#p(\d+)$", location or "")
            if location is not None and not match:
                self.run.stats.error(f"adding a participant led to {location}, no #p<pk>")
                return False
            if match:
                self.participant = (int(match.group(1)), name)
        elif not self.participant[1].startswith("Peserta Ubah"):
            pk, old = self.participant
            name = f"Peserta Ubah {token}"
            location = self.write(
                self.browser,
                self.keys,
                f"{self.path}{pk}/ubah/",
                "name",
                lambda fields: fields.update(name=name),
                lambda key: Expectation(name, True, f"{old} renamed {name}"),
            )
            if location is not None:
                self.participant = (pk, name)
        else:
            pk, old = self.participant
            edit = f"{self.path}{pk}/ubah/"
            # The participants page's own delete button (a form in a dialog).
            location = self.write(
                self.browser,
                self.keys,
                self.path,
                "csrfmiddlewaretoken",
                lambda fields: None,
                lambda key: Expectation(f'href="{edit}"', False, f"{old} removed"),
                action=f"{self.path}{pk}/hapus/",
            )
            if location is not None:
                self.participant = None
        if location is None:
            return False
        self.run.check(self.browser, self.path)
        return True


class ReportWriter(Writer):
    """A report's summary saved with a new sentence, through its edit form."""

    kind = "report"

    def prepare(self):
        t = self.target
        self.browser = self.run.browser(t["email"], t["agency"])
        self.path = f"/laporan/{t['report']}/"
        self.keys = [(t["agency"], self.path)]

    def step(self, count):
        text = f"Ringkasan uji beban nomor {self.target['report']}x{count}."
        location = self.write(
            self.browser,
            self.keys,
            self.path + "ubah/",
            "version",
            lambda fields: fields.update(summary=text),
            lambda key: Expectation(text, True, f"the summary {text!r}"),
        )
        if location is None:
            return False
        self.run.check(self.browser, self.path)
        return True


WRITERS = {"lifecycle": LifecycleWriter, "participants": ParticipantWriter, "report": ReportWriter}


def run_mixed(base_url, plan, *, duration, write_rate) -> dict:
    """Readers and writers of ``plan`` (``mixed_targets``) for ``duration``
    seconds against the portal at ``base_url``; the figures."""
    run = Run(base_url=base_url, password=plan["password"])
    writers = [
        WRITERS[kind](run, target, len(plan["writers"]) / write_rate)
        for kind, target in plan["writers"]
    ]
    people = [Reader(run, account) for account in plan["readers"]] + writers
    # Everyone logs in first (a login hashes a password: a fraction of a
    # second of CPU each); the clock starts when all have.
    ready = threading.Barrier(len(people) + 1)

    def life(person):
        try:
            try:
                person.prepare()
            finally:
                ready.wait(timeout=600)
            person.loop()
        except Exception as error:  # noqa: BLE001 — counted; the others go on
            run.stats.error(f"{type(person).__name__} stopped: {error!r}")

    threads = [threading.Thread(target=life, args=(p,), daemon=True) for p in people]
    for thread in threads:
        thread.start()
    ready.wait(timeout=600)
    began = time.monotonic()
    time.sleep(duration)
    run.stop.set()
    seconds = time.monotonic() - began
    for thread in threads:
        thread.join(timeout=60)
    stats = run.stats
    writes = sum(stats.writes_by_kind.values())
    return {
        "duration_s": round(seconds, 1),
        "readers": len(plan["readers"]),
        "writers": {kind: sum(1 for k, _ in plan["writers"] if k == kind) for kind in WRITERS},
        "agencies": len({a["agency"] for a in plan["readers"]} | plan["writer_agencies"]),
        "write_rate_target": write_rate,
        "reads": percentiles(stats.latencies["read"]),
        "form_pages": percentiles(stats.latencies["form"]),
        "writes": percentiles(stats.latencies["write"]),
        "writes_done": writes,
        "writes_by_kind": stats.writes_by_kind,
        "writes_per_s": round(writes / seconds, 2),
        "reads_per_s": round(len(stats.latencies["read"]) / seconds, 1),
        "errors": stats.error_count,
        "error_details": stats.errors,
        "checks": stats.checks,
        "stale_reads": stats.stale_count,
        "stale_details": stats.stale,
    }


def print_mixed(figures, log):
    log()
    w = figures["writers"]
    log(
        f"Mixed load, {figures['duration_s']} s: {figures['readers']} readers, writers "
        f"{w['lifecycle']} lifecycle + {w['participants']} participants + {w['report']} report, "
        f"{figures['agencies']} agencies"
    )
    for kind in ("reads", "form_pages", "writes"):
        p = figures[kind]
        log(
            f"  {kind:<10} {p['count']:>6}  p50 {p['p50']:>7.1f}  p95 {p['p95']:>7.1f}  "
            f"p99 {p['p99']:>7.1f} ms"
        )
    log(
        f"  writes/s {figures['writes_per_s']} ({figures['writes_by_kind']}), reads/s "
        f"{figures['reads_per_s']}, errors {figures['errors']}, checks {figures['checks']}, "
        f"stale reads {figures['stale_reads']}"
    )
    for detail in figures["error_details"][:5]:
        log(f"    error: {detail}")
    for detail in figures["stale_details"][:5]:
        log(f"    STALE: {detail}")

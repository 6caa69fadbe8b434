"""The load side of the benchmark, out of process: the portal under gunicorn,
the login through the real login page, and wrk driving the pages.

Nothing here imports Django: gunicorn runs the portal in processes of its
own, and wrk (Debian's ``wrk``, written in C, light on the CPU the server
needs) talks to it over TCP like a browser would.
"""

import contextlib
import http.cookiejar
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
WRK_SCRIPT = BENCH_DIR / "wrk_report.lua"
JSON_MARKER = "BENCHMARK-JSON "


class BenchmarkError(RuntimeError):
    """The benchmark cannot go on; the message says why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """``gunicorn studitiru.wsgi`` on 127.0.0.1 in a process group of its own,
    stopped (the whole group) by ``stop`` whatever happened."""

    def __init__(self, *, env, port, workers, threads, log_path):
        self.env = env
        self.workers = workers
        self.threads = threads
        self.port = port
        self.log_path = log_path
        self.process = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "studitiru.wsgi",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--error-logfile",
            str(self.log_path),
            "--log-level",
            "warning",
            "--graceful-timeout",
            "5",
        ]
        if self.threads > 1:
            command += ["--worker-class", "gthread", "--threads", str(self.threads)]
        return command

    def start(self, *, health_path="/sehat/", timeout=60):
        self.log_file = open(self.log_path, "ab")  # noqa: SIM115 — closed in stop()
        self.process = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkError(
                    f"gunicorn exited with {self.process.returncode}; see {self.log_path}:\n"
                    + self.log_tail()
                )
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(self.base_url + health_path, timeout=2) as response,
            ):
                if response.status == 200 and self._all_workers_up():
                    return
            time.sleep(0.2)
        raise BenchmarkError(f"gunicorn did not answer {health_path} within {timeout} s")

    def _all_workers_up(self):
        return len(self.worker_pids()) >= self.workers

    def log_tail(self, lines=30):
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def worker_pids(self) -> list[int]:
        """The worker processes: the children of the gunicorn master."""
        if self.process is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # "pid (comm) state ppid ...": comm may hold spaces, so split after ")".
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_peak_memory_mb(self) -> list[float]:
        """VmHWM (the peak resident set size) of each worker, in MiB."""
        peaks = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks.append(round(int(line.split()[1]) / 1024, 1))
        return peaks

    @contextlib.contextmanager
    def serving(self, log):
        """Started for the block; the tail of its log printed when the block
        fails; stopped (its whole process group) whatever happens."""
        try:
            self.start()
            yield self
        except BaseException:
            if tail := self.log_tail():
                log("gunicorn's log:\n" + tail)
            raise
        finally:
            self.stop()

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log_file.close()
        self.process = None


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids) -> dict[int, float]:
    """User + system CPU seconds used so far by each of the processes ``pids``
    that still runs."""
    seconds = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            seconds[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return seconds


def machine_cpu() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine, all cores, since boot."""
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    total = sum(values[:8])  # without guest time, which user time already counts
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS


def _used(before, after) -> float:
    """CPU used between two readings: a process that appeared in between
    counts whole; one that ended in between is lost (a database connection
    that reached its maximum age, say)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


class CpuMeter:
    """CPU used during a measurement by the app (gunicorn workers), by the
    database (the PostgreSQL backends serving them) and by the whole machine:
    shows what a request costs even when something else shares the machine.
    ``app_pids`` and ``db_pids`` are functions returning the current processes."""

    def __init__(self, app_pids, db_pids):
        self.app_pids, self.db_pids = app_pids, db_pids

    def __enter__(self):
        self.app = cpu_seconds(self.app_pids())
        self.db = cpu_seconds(self.db_pids())
        self.busy, self.total = machine_cpu()
        return self

    def __exit__(self, *exc):
        busy, total = machine_cpu()
        self.app_s = _used(self.app, cpu_seconds(self.app_pids()))
        self.db_s = _used(self.db, cpu_seconds(self.db_pids()))
        self.machine_busy_s = busy - self.busy
        self.machine_total_s = total - self.total
        return False

    def figures(self, requests) -> dict:
        per_request = 1000 / requests if requests else 0
        machine = self.machine_busy_s
        return {
            "app_ms_per_request": round(self.app_s * per_request, 2),
            "db_ms_per_request": round(self.db_s * per_request, 2),
            # Of all the CPU the machine spent, the share that was neither the
            # app nor its database (wrk, and whatever else runs there).
            "other_share": round(max(0.0, machine - self.app_s - self.db_s) / machine, 3)
            if machine
            else 0.0,
            "machine_busy": round(machine / self.machine_total_s, 3)
            if self.machine_total_s
            else 0.0,
        }


# Django's cookie of pending messages (``messages.storage.cookie``).
MESSAGES_COOKIE = "messages"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def login(base_url, email, password, *, session_cookie_name="sessionid") -> str:
    """Log in through the real login page (allauth: its CSRF cookie and
    token, then the form) and return the ``Cookie`` header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    login_url = base_url + "/akun/login/"
    with opener.open(login_url, timeout=30) as response:
        page = response.read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise BenchmarkError("the login page has no CSRF token")
    form = urllib.parse.urlencode(
        {"login": email, "password": password, "csrfmiddlewaretoken": match.group(1)}
    ).encode()
    request = urllib.request.Request(login_url, data=form, headers={"Referer": login_url})
    try:
        with opener.open(request, timeout=30) as response:
            status, location = response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location")
    if status != 302:
        raise BenchmarkError(f"logging in as {email} answered {status}, not a redirect")
    # Open the page the login leads to, as a browser does: it shows the "signed
    # in" message and the server drops the message cookie. Kept, that cookie
    # would put the message on every page wrk measures.
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with browser.open(urllib.parse.urljoin(login_url, location), timeout=30) as response:
        response.read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if MESSAGES_COOKIE in cookies:
        raise BenchmarkError(f"logging in as {email} left a message pending on every page")
    if session_cookie_name not in cookies:
        raise BenchmarkError(f"logging in as {email} set no session cookie")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def fetch_status(url, cookie="") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def warm_up(url, cookie="", *, connections=8, rounds=1) -> dict[int, int]:
    """``connections`` × ``rounds`` requests, ``connections`` at a time, so
    that every worker has compiled the page's templates and opened its database
    connection before wrk measures. Returns the count of each status."""
    statuses = {}
    lock = threading.Lock()

    def client():
        for _ in range(rounds):
            status = fetch_status(url, cookie)
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return statuses


def wrk_version() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        return ""
    result = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)
    return (result.stdout + result.stderr).split("Copyright")[0].strip()


def run_wrk(url, *, cookie="", duration=10, connections=8, threads=2, timeout=10) -> dict:
    """One wrk run against ``url``; returns what the Lua script reports."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchmarkError("wrk is not installed: `apt-get install wrk` (make test installs it)")
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={timeout}s",
        "-s",
        str(WRK_SCRIPT),
        url,
    ]
    env = os.environ | {"BENCH_COOKIE": cookie}
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=duration + 60, check=False
    )
    for line in result.stdout.splitlines():
        if line.startswith(JSON_MARKER):
            figures = json.loads(line.removeprefix(JSON_MARKER))
            errors = figures["errors"]
            errors["total"] = sum(errors.values())
            figures["statuses"] = {int(k): v for k, v in figures["statuses"].items()}
            return figures
    raise BenchmarkError(f"wrk printed no figures:\n{result.stdout}\n{result.stderr}")


# --- A pass over the pages ---------------------------------------------------------


def measure_pages(args, server, pages, cookie, db_pids, *, max_duration=60, log=print) -> dict:
    """wrk on each page that is loaded, after a warm-up: its figures by key."""
    results = {}
    for page in pages:
        if not page.load:
            continue
        page_cookie = cookie if page.logged_in else ""
        url_of_page = server.base_url + page.path
        # Two rounds of requests on every connection: the first warms up
        # the workers (and fills the page cache), the second says how long
        # a round takes.
        warm = warm_up(url_of_page, page_cookie, connections=args.connections)
        began = time.monotonic()
        second = warm_up(url_of_page, page_cookie, connections=args.connections)
        round_seconds = time.monotonic() - began
        for status, count in second.items():
            warm[status] = warm.get(status, 0) + count
        if set(warm) != {200}:
            raise BenchmarkError(f"{page.path} answered {warm} while warming up")
        # A slow page (the PDF) gets the time for a few rounds of answers:
        # under load the first ones come after a whole round.
        duration = min(max_duration, max(args.duration, math.ceil(2.5 * round_seconds)))
        while True:
            with CpuMeter(server.worker_pids, db_pids) as meter:
                figures = run_wrk(
                    url_of_page,
                    cookie=page_cookie,
                    duration=duration,
                    connections=args.connections,
                    threads=args.wrk_threads,
                )
            figures["cpu"] = meter.figures(figures["requests"])
            if figures["requests"] >= 2 * args.connections or duration >= max_duration:
                break
            duration = min(max_duration, duration * 3)
            log(f"  {page.label}: {figures['requests']} answers, measuring {duration} s")
        figures["warm_up_statuses"] = warm
        results[page.key] = figures
        log(
            f"  {page.label:<34} {figures['rps']:>8.1f} req/s  "
            f"p95 {figures['latency_ms']['p95']:>8.1f} ms  errors {figures['errors']['total']}  "
            f"CPU/request: app {figures['cpu']['app_ms_per_request']} ms, "
            f"database {figures['cpu']['db_ms_per_request']} ms"
        )
    return results


def cpu_ms(figures) -> float:
    return figures["cpu"]["app_ms_per_request"] + figures["cpu"]["db_ms_per_request"]


def with_ratios(results, key) -> dict:
    """A page's figures of one pass, with its requests/s and its CPU per
    request (app + database) as ratios to the baseline's of the same pass."""
    figures = {k: v for k, v in results[key].items() if k != "warm_up_statuses"}
    baseline = results["baseline"]
    figures["ratio_to_baseline"] = round(figures["rps"] / baseline["rps"], 3)
    base_cpu = cpu_ms(baseline)
    figures["cpu_ratio_to_baseline"] = round(cpu_ms(figures) / base_cpu, 1) if base_cpu else None
    return figures

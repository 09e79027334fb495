"""`make soak`: family reads on the `make bench` stack while an approver publishes, for 2 minutes.

Not a test, never run by `make test`. The stack is bench/run.py's (bench/stack.py): a fresh
SQLite file (bench/soak.sqlite3) or DATABASE_URL's PostgreSQL, Redis when REDIS_URL is set,
seed_demo --councils 153, gunicorn kinship_portal.wsgi with 2 sync workers and DEBUG=0 on a
free loopback port.

    make soak                                     # SQLite, no Redis
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_soak \\
    REDIS_URL=redis://127.0.0.1:6379/4 make soak  # PostgreSQL (made if missing) + Redis
    make soak SOAK_SECONDS=30                     # shorter (10 to 600 s; default 120)

With REDIS_URL set, the soak starts a redis-server of its own on a free loopback port (the
given Redis is never used, as the soak stops its Redis: see below), with the production
notes' settings (maxmemory 256mb, allkeys-lru), and stops it at the end.

For 10 s of warm-up and then SOAK_SECONDS, 16 client threads (http.client, a new connection
a request, as gunicorn's sync workers close each one; `X-Forwarded-Proto: https`,
`Accept-Encoding: gzip`, 10 s timeout; at most 400,000 requests) read a fixed mix of
Ashdown's pages (overview, section pages, ?for=sgo, print, changes, the API offer) and others
(home, compare, other councils).
Meanwhile an approver process (`python -m bench.soak --approver`: Django in-process on the
same database) publishes Ashdown every 5 s: the working copy's title becomes "Soak version
<n>", n being the version that publish makes, then offers.services.offer_publish(...,
accept_gaps=True), in a transaction whose first on-commit hook records the wall-clock time
the database committed (before the page cache's own hook replaces the content version).
The warm-up (the same load and publishes) lets each worker load and compile what it serves
before memory is first sampled; its requests are checked too but left out of the figures.

The Redis outage (with Redis, when SOAK_SECONDS is 40 or more): from OUTAGE_AFTER s into the
measured window, Redis is frozen (SIGSTOP: connections wait, the workers' calls time out) for
half of OUTAGE_SECONDS, then stopped (SHUTDOWN SAVE: connections are refused) for the other
half, then started again on the same port, loading what it held: every page kept before the
outage comes back, while the approver has published meanwhile. The same checks hold through
it (0 errors, nothing stale), and the figures are given before, during and after it.

Each reader request says it came through a proxy from one of CLIENT_ADDRESSES
(X-Forwarded-For, gunicorn run with TRUSTED_PROXY_COUNT=1), as requests from many families
would: the render limit (offers.flood) counts per address, and 16 threads at full speed from
one address are not what it is for (it would refuse them during the outage, when every page
is made afresh). The limit still counts every render.

Each Ashdown response is read for the version it shows: "(version N)" on the overview,
"Version N" on the print booklet, "Version N (the current version)" on the changes page,
"version" in the API's JSON, and "Soak version N" (the title) on section pages; where a page
shows both, they must agree. The other pages are checked for their status only. Checks:
0 errors (status outside 2xx/3xx, timeouts, connection errors); no response to a request
STARTED after version N committed shows a version below N (compared with the request's
start, taken before it connects); each gunicorn worker's VmRSS, sampled every 10 s, ends
within 20% of its first sample. Requests/s overall. The table and figures are printed and
written to bench/results.md under "Soak", one part for each database and cache (the
`make bench` part is kept). Exit status 1 when a check fails.
"""

import argparse
import bisect
import gzip
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from bench.stack import (
    BENCH,
    COUNCILS,
    HEADERS,
    PY,
    RESULTS,
    ROOT,
    SOAK_HEADING,
    Stop,
    cpu_seconds,
    description_lines,
    free_port,
    get,
    machine,
    markdown_table,
    prepare,
    results_parts,
    results_write,
    rss_kb,
    serving,
    stop_on_sigterm,
    text_table,
    workers_of,
)

SQLITE_PATH = BENCH / "soak.sqlite3"
SLUG = "ashdown"
APPROVER = "ashdown-approver"  # seed_demo's approver for Ashdown
DEFAULT_SECONDS, MIN_SECONDS, MAX_SECONDS = 120, 10, 600
CLIENTS = 16
WARMUP_SECONDS = 10  # the same load first, so the first memory sample is of warm workers
PUBLISH_EVERY = 5.0  # seconds between publishes
FIRST_PUBLISH = 2.0  # seconds into the load
LAST_PUBLISH_BEFORE_END = 3.0  # no publish this close to the end: its readers get checked
RSS_EVERY = 10.0
RSS_GROWTH_LIMIT = 0.20
REQUEST_TIMEOUT = 10.0
MAX_REQUESTS = 400_000
TITLE = "Soak version {n}"

# (page, path, how its version is read, weight in the mix). {other1}, {other2}: generated
# councils, found on the home page when the stack is up.
PAGES = [
    ("overview", "/offers/ashdown/", "overview", 4),
    ("section page", "/offers/ashdown/financial/", "title", 2),
    ("section page", "/offers/ashdown/housing/", "title", 1),
    ("?for=sgo", "/offers/ashdown/?for=sgo", "overview", 2),
    ("section ?for=sgo", "/offers/ashdown/financial/?for=sgo", "title", 1),
    ("print", "/offers/ashdown/print/", "print", 1),
    ("changes", "/offers/ashdown/changes/", "changes", 1),
    ("API offer", "/api/v1/offers/ashdown/", "api", 2),
    ("home", "/", None, 1),
    ("compare", "/compare/", None, 1),
    ("other council", "/offers/brackenford/", None, 1),
    ("other council", "/offers/coldmere/financial/", None, 1),
    ("other council", "/offers/{other1}/", None, 1),
    ("other API", "/api/v1/offers/{other2}/", None, 1),
]

# The Redis outage: when it starts in the measured window, and how long it lasts (frozen for
# the first half, stopped for the second).
OUTAGE_AFTER = 10.0
OUTAGE_SECONDS = 20.0
OUTAGE_MIN_SECONDS = 40  # SOAK_SECONDS with room for the outage and 10 s after it
# Client addresses the readers' requests come from (documentation ranges, in a header only).
CLIENT_ADDRESSES = [
    f"{net}.{host}" for net in ("192.0.2", "198.51.100", "203.0.113") for host in range(1, 255)
]

ABOUT_VERSION = re.compile(rb"\(version (\d+)\)")
PRINT_VERSION = re.compile(rb"Version (\d+)</dd>")
CHANGES_VERSION = re.compile(rb"Version (\d+) \(the current version\)")
TITLE_VERSION = re.compile(rb"Soak version (\d+)")
OFFER_LINK = re.compile(r'href="/offers/([a-z0-9-]+)/"')


# --- The approver (a process of its own) ----------------------------------------------------


def approver(seconds: float) -> int:
    """Publish Ashdown every PUBLISH_EVERY s for `seconds`; one JSON line per publish."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from offers.models import Offer
    from offers.services import offer_publish

    def emit(**fields):
        print(json.dumps(fields), flush=True)

    user = get_user_model().objects.get(username=APPROVER)
    offer = Offer.objects.get(council__slug=SLUG)
    start = time.monotonic()
    due = start + FIRST_PUBLISH
    emit(ready=time.time())
    while due <= start + seconds - LAST_PUBLISH_BEFORE_END:
        time.sleep(max(0.0, due - time.monotonic()))
        due += PUBLISH_EVERY
        live = Offer.objects.select_related("published_revision").get(pk=offer.pk)
        n = live.published_revision.version + 1 if live.published_revision else 1
        marks = {}
        started = time.time()
        try:
            with transaction.atomic():
                # Runs right after COMMIT (the page cache's content version is replaced in
                # the transaction itself).
                transaction.on_commit(
                    lambda marks=marks: marks.setdefault("committed", time.time())
                )
                Offer.objects.filter(pk=offer.pk).update(title=TITLE.format(n=n))
                revision = offer_publish(
                    offer=offer, by=user, summary=f"Soak publish {n}", accept_gaps=True
                )
        except Exception as error:  # reported, and the run fails
            emit(error=f"{type(error).__name__}: {error}", started=started, failed=time.time())
            continue
        emit(
            version=revision.version,
            title=n,
            started=started,
            committed=marks["committed"],
            returned=time.time(),
        )
    return 0


def approver_start(env: dict, seconds: float) -> tuple[subprocess.Popen, list, threading.Thread]:
    process = subprocess.Popen(
        [PY, "-m", "bench.soak", "--approver", "--seconds", str(seconds)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    events: list[dict] = []

    def read():
        for line in process.stdout:
            try:
                events.append(json.loads(line))
            except ValueError:
                events.append({"error": f"approver printed: {line.strip()[:300]}"})

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return process, events, reader


def approver_stop(process: subprocess.Popen, timeout: float) -> str:
    """Wait for the approver (it stops by itself); killed if it outlives `timeout`."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    return process.stderr.read()[-3000:] if process.stderr else ""


# --- The readers --------------------------------------------------------------------------


def version_shown(kind: str | None, headers: dict, body: bytes) -> tuple[int | None, str]:
    """The version a response shows (None: not shown) and a note when the page disagrees
    with itself (its title says another version than its version line)."""
    if kind is None:
        return None, ""
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    if kind == "api":
        payload = json.loads(body)
        version = payload.get("version")
        title = TITLE_VERSION.search(
            payload.get("document", {}).get("offer", {}).get("title", "").encode()
        )
    else:
        pattern = {
            "overview": ABOUT_VERSION,
            "print": PRINT_VERSION,
            "changes": CHANGES_VERSION,
            "title": TITLE_VERSION,
        }[kind]
        found = pattern.search(body)
        version = int(found.group(1)) if found else None
        titles = set() if kind == "changes" else set(TITLE_VERSION.findall(body))
        if len(titles) > 1:
            return version, f"titles of versions {sorted(int(t) for t in titles)}"
        title = TITLE_VERSION.search(body) if titles else None
    if version is not None and title is not None and int(title.group(1)) != version:
        return version, f"version {version} with the title of version {int(title.group(1))}"
    return version, ""


def reader(
    port: int,
    pages: list[tuple],
    order: list[int],
    offset: int,
    deadline: float,
    counter,
    stop: threading.Event,
    out: list,
) -> None:
    """Request pages in `order` from `offset` until the deadline; one record a request:
    (page index, start wall-clock time, seconds taken, status, error, version, note)."""
    for step in itertools.count(offset):
        if stop.is_set() or time.monotonic() >= deadline or next(counter) >= MAX_REQUESTS:
            return
        index = order[step % len(order)]
        _, path, kind, _ = pages[index]
        status, error, version, note = None, "", None, ""
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        headers = {**HEADERS, "X-Forwarded-For": CLIENT_ADDRESSES[step % len(CLIENT_ADDRESSES)]}
        started = time.time()
        clock = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            status = response.status
            headers = {k.lower(): v for k, v in response.getheaders()}
        except TimeoutError:  # socket.timeout is TimeoutError
            error = "timeout"
        except (OSError, http.client.HTTPException) as failure:
            error = f"connection ({type(failure).__name__})"
        finally:
            connection.close()
        taken = time.perf_counter() - clock
        if status is not None and not 200 <= status < 400:
            error = f"status {status}"
        elif status == 200:
            try:
                version, note = version_shown(kind, headers, body)
            except Exception as failure:  # an unreadable body is an error too
                error = f"unreadable ({type(failure).__name__})"
        out.append((index, started, taken, status, error, version, note))


def rss_sampler(master, stop: threading.Event, samples: list) -> None:
    """Each worker's VmRSS (kB) now and every RSS_EVERY s until stopped: (seconds, {pid: kB})."""
    began = time.monotonic()
    while True:
        samples.append((time.monotonic() - began, {pid: rss_kb(pid) for pid in workers_of(master)}))
        if stop.wait(RSS_EVERY):
            samples.append(
                (time.monotonic() - began, {pid: rss_kb(pid) for pid in workers_of(master)})
            )
            return


# --- The soak's own Redis, and its outage --------------------------------------------------


class PrivateRedis:
    """A redis-server on a free loopback port, in a folder of its own, for the soak only."""

    def __init__(self, directory: str):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not installed (apt-get install redis-server)")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.directory,
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"redis-server on port {self.port} did not start")
            time.sleep(0.05)

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except Exception:
            return False

    def info(self) -> dict:
        client = self.client()
        stats = client.info("stats")
        return {
            "keys": client.dbsize(),
            "hits": stats["keyspace_hits"],
            "misses": stats["keyspace_misses"],
        }

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def shutdown_saving(self) -> None:
        """Stop, writing what it holds to disk first, so start() loads it all again."""
        try:
            self.client().shutdown(save=True)
        except Exception:  # the connection closes as it stops
            pass
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def outage(server: PrivateRedis, begin: float, stop: threading.Event, marks: dict) -> None:
    """At monotonic time `begin`: Redis frozen for half of OUTAGE_SECONDS, then stopped for
    the other half, then started again with what it held. Wall-clock times go in marks."""
    half = OUTAGE_SECONDS / 2
    if stop.wait(max(0.0, begin - time.monotonic())):
        return
    marks["before"] = server.info()
    marks["frozen"] = time.time()
    server.freeze()
    if stop.wait(half):
        server.thaw()
        return
    server.thaw()
    marks["stopped"] = time.time()
    server.shutdown_saving()
    stop.wait(max(0.0, marks["frozen"] + OUTAGE_SECONDS - time.time()))
    server.start()
    marks["started"] = time.time()
    marks["after_start"] = server.info()


# --- Checks and report --------------------------------------------------------------------


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def _ms(value) -> str:
    return "–" if value is None else f"{value * 1000:.1f}"


def _mb(kb) -> str:
    return f"{kb / 1024:.1f}" if kb else "–"


def _when(t: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(t)) + f".{int(t * 1000) % 1000:03d}"


def analyse(pages, records, publishes, failures, samples, seconds_run, cpu_s) -> dict:
    commits = sorted((p["committed"], p["version"]) for p in publishes)
    commit_times = [c for c, _ in commits]
    returns = sorted((p["returned"], p["version"]) for p in publishes)
    return_times = [r for r, _ in returns]
    committed_at = {v: c for c, v in commits}

    def required(times, pairs, started):
        at = bisect.bisect_right(times, started)
        return pairs[at - 1][1] if at else None

    errors: dict[str, int] = {}
    stale, stale_returned, before_commit, notes = [], [], [], []
    redirects = 0
    per_page = {
        i: {"taken": [], "errors": 0, "checked": 0, "stale": 0, "versions": set()}
        for i in range(len(pages))
    }
    for index, started, taken, status, error, version, note in records:
        row = per_page[index]
        row["taken"].append(taken)
        if error:
            errors[error] = errors.get(error, 0) + 1
            row["errors"] += 1
            continue
        if 300 <= status < 400:
            redirects += 1
        if note:
            notes.append((pages[index][1], started, note))
        if version is None:
            continue
        row["checked"] += 1
        row["versions"].add(version)
        want = required(commit_times, commits, started)
        if want is not None and version < want:
            row["stale"] += 1
            stale.append((pages[index][1], started, taken, version, want))
        want_returned = required(return_times, returns, started)
        if want_returned is not None and version < want_returned:
            stale_returned.append((pages[index][1], started, version, want_returned))
        if version in committed_at and committed_at[version] > started + taken:
            before_commit.append((pages[index][1], started, version))

    pids = sorted({pid for _, seen in samples for pid in seen})
    memory = {}
    for pid in pids:
        series = [seen.get(pid) for _, seen in samples]
        present = [kb for kb in series if kb]
        memory[pid] = {
            "first": present[0] if present else None,
            "max": max(present) if present else None,
            "last": series[-1],
            "samples": len(present),
            "series": series,
        }
    memory_ok = bool(memory) and all(
        m["first"] and m["last"] and m["last"] <= m["first"] * (1 + RSS_GROWTH_LIMIT)
        for m in memory.values()
    )
    every = [r[2] for r in records]
    durations = [p["committed"] - p["started"] for p in publishes]
    hooks = [p["returned"] - p["committed"] for p in publishes]
    versions = [p["version"] for p in publishes]
    return {
        "requests": len(records),
        "rps": len(records) / seconds_run if seconds_run else 0.0,
        "seconds": seconds_run,
        "errors": errors,
        "redirects": redirects,
        "p50": _pct(every, 50),
        "p95": _pct(every, 95),
        "p99": _pct(every, 99),
        "max": max(every) if every else None,
        "cpu_ms": cpu_s * 1000 / len(records) if records else None,
        "checked": sum(r["checked"] for r in per_page.values()),
        "per_page": per_page,
        "publishes": publishes,
        "publish_failures": failures,
        "versions": versions,
        "titles_match": all(p["title"] == p["version"] for p in publishes),
        "publish_s": durations,
        "hook_s": hooks,
        "stale": stale,
        "stale_returned": stale_returned,
        "before_commit": before_commit,
        "notes": notes,
        "memory": memory,
        "memory_ok": memory_ok,
        "rss_samples": len(samples),
        "ok": (
            not errors
            and not stale
            and not notes
            and not failures
            and bool(publishes)
            and memory_ok
            and not before_commit
            and all(p["title"] == p["version"] for p in publishes)
        ),
    }


TABLE_HEADER = [
    "page",
    "path",
    "requests",
    "errors",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "version read",
    "versions seen",
    "stale",
]
TABLE_RIGHT = {2, 3, 4, 5, 6, 7, 10}  # the columns of figures


def table_rows(pages, result) -> list[list[str]]:
    rows = []
    for index, (name, path, kind, _) in enumerate(pages):
        row = result["per_page"][index]
        seen = sorted(row["versions"])
        rows.append(
            [
                name,
                path,
                f"{len(row['taken']):,}",
                str(row["errors"]),
                _ms(_pct(row["taken"], 50)),
                _ms(_pct(row["taken"], 95)),
                _ms(_pct(row["taken"], 99)),
                _ms(max(row["taken"], default=None)),
                {
                    "overview": "“(version N)”",
                    "print": "“Version N”",
                    "changes": "“Version N (the current version)”",
                    "api": "JSON version",
                    "title": "title “Soak version N”",
                }.get(kind, "status only"),
                f"{seen[0]}–{seen[-1]} ({row['checked']:,} read)" if seen else "–",
                str(row["stale"]) if kind else "–",
            ]
        )
    return rows


def figure_lines(result) -> list[str]:
    errors = result["errors"]
    lines = [
        f"Requests: {result['requests']:,} in {result['seconds']:.1f} s, "
        f"{result['rps']:,.1f} requests/s overall; latency p50 {_ms(result['p50'])} ms, "
        f"p95 {_ms(result['p95'])} ms, p99 {_ms(result['p99'])} ms, max {_ms(result['max'])} ms; "
        f"worker CPU {result['cpu_ms']:.2f} ms a request"
        if result["requests"]
        else "Requests: none",
        f"Warm-up before that (not in the table or requests/s, checked all the same): "
        f"{result['warmup']['requests']:,} requests in {WARMUP_SECONDS} s with "
        f"{result['warmup']['publishes']} publishes; {result['warmup']['errors']} errors, "
        f"{len(result['warmup']['stale'])} stale",
        "Errors (status outside 2xx/3xx, timeouts, connection errors): "
        + (", ".join(f"{n} {kind}" for kind, n in sorted(errors.items())) if errors else "0")
        + (f"; {result['redirects']} redirects" if result["redirects"] else "")
        + f" — {'ok' if not errors else 'FAILED'}",
    ]
    publishes = result["publishes"]
    if publishes:
        durations, hooks = result["publish_s"], result["hook_s"]
        lines.append(
            f"Publishes: {len(publishes)} (versions {publishes[0]['version']}–"
            f"{publishes[-1]['version']}, one every {PUBLISH_EVERY:.0f} s), each committed "
            f"{min(durations):.3f}–{max(durations):.3f} s after it began "
            f"(median {statistics.median(durations):.3f} s), the page cache's content version "
            f"with it, and returned {max(hooks) * 1000:.1f} ms or less after; title = version "
            + ("in every one" if result["titles_match"] else "NOT in every one")
            + (
                f"; {len(result['publish_failures'])} FAILED: "
                + "; ".join(f["error"][:200] for f in result["publish_failures"][:3])
                if result["publish_failures"]
                else "; 0 failed"
            )
        )
    else:
        lines.append(
            "Publishes: none committed — FAILED"
            + (
                "; " + "; ".join(f["error"][:200] for f in result["publish_failures"][:3])
                if result["publish_failures"]
                else ""
            )
        )
    stale = result["stale"]
    lines.append(
        f"Versions: {result['checked']:,} Ashdown responses showed their version; "
        f"{len(stale)} showed a version older than one committed before the request started"
        + (" — ok" if not stale else " — FAILED (stale)")
        + f" ({len(result['stale_returned'])} against the time each publish returned, after "
        "the content version was replaced)"
        + (
            f"; {len(result['before_commit'])} showed a version before it committed (clock?)"
            if result["before_commit"]
            else ""
        )
        + (
            f"; {len(result['notes'])} pages disagreed with themselves: "
            + "; ".join(f"{p} {n}" for p, _, n in result["notes"][:3])
            if result["notes"]
            else ""
        )
    )
    for path, started, taken, version, want in [*result["warmup"]["stale"], *stale][:5]:
        commit = next(p for p in publishes if p["version"] == want)
        after_commit = (started - commit["committed"]) * 1000
        lines.append(
            f"STALE: {path} requested {_when(started)} ({after_commit:.1f} ms after version "
            f"{want} committed at {_when(commit['committed'])}, "
            f"{(started - commit['returned']) * 1000:.1f} ms after its publish returned), "
            f"answered {taken * 1000:.1f} ms later with version {version}"
        )
    lines.extend(outage_lines(result.get("outage") or {}))
    memory = result["memory"]
    lines.append(
        f"Memory (VmRSS every {RSS_EVERY:.0f} s after the warm-up, {result['rss_samples']} "
        "samples): "
        + "; ".join(
            f"worker {pid} first {m['first'] / 1024:.1f} MB, max {m['max'] / 1024:.1f} MB, "
            f"last {m['last'] / 1024:.1f} MB ({(m['last'] / m['first'] - 1) * 100:+.1f}%)"
            if m["first"] and m["last"]
            else f"worker {pid} gone during the run"
            for pid, m in memory.items()
        )
        + f"; last within {RSS_GROWTH_LIMIT:.0%} of first: "
        + ("ok" if result["memory_ok"] else "FAILED")
    )
    every = result.get("rss_all") or []
    lines.append(
        "VmRSS samples (MB, every 10 s from the end of the warm-up; in brackets, before it): "
        + "; ".join(
            f"worker {pid}: ({_mb(result['warmup']['cold_rss'].get(pid))}) "
            + " ".join(_mb(seen.get(pid)) for _, seen in every)
            for pid in memory
        )
        + (
            ""
            if len(every) == result["rss_samples"]
            else f"; checked from sample {len(every) - result['rss_samples'] + 1}, the first after "
            "Redis was back (during the outage each worker makes every kind of page)"
        )
    )
    lines.append("Result: " + ("PASSED" if result["ok"] else "FAILED"))
    return lines


def outage_lines(figures: dict) -> list[str]:
    if not figures:
        return []
    marks = figures["marks"]
    if not figures["complete"]:
        return ["Redis outage: did not complete (Redis was not started again) — FAILED"]
    lines = [
        f"Redis outage: frozen (SIGSTOP) at {_when(marks['frozen'])}, stopped (SHUTDOWN SAVE) "
        f"at {_when(marks['stopped'])}, started again at {_when(marks['started'])} with "
        f"{marks['after_start']['keys']:,} keys it held ({marks['before']['keys']:,} before "
        f"the outage); {figures['publishes']} publishes committed during it; after it Redis "
        f"had {figures['end']['hits'] - marks['after_start']['hits']:,} hits and "
        f"{figures['end']['misses'] - marks['after_start']['misses']:,} misses, "
        f"{figures['end']['keys']:,} keys at the end"
    ]
    for name, label in (
        ("before", "before it"),
        ("frozen", "Redis frozen"),
        ("stopped", "Redis stopped"),
        ("after", "after it"),
    ):
        phase = figures["phases"].get(name)
        if phase is None:
            lines.append(f"  {label}: no requests")
            continue
        errors = sum(phase["errors"].values())
        lines.append(
            f"  {label}: {phase['requests']:,} requests, {errors} errors"
            + (
                f" ({', '.join(f'{n} {k}' for k, n in sorted(phase['errors'].items()))})"
                if errors
                else ""
            )
            + f", {phase['checked']:,} versions read, {len(phase['stale'])} stale; "
            f"p50 {_ms(phase['p50'])} ms, p99 {_ms(phase['p99'])} ms, max {_ms(phase['max'])} ms"
        )
    return lines


SOAK_INTRO = [
    SOAK_HEADING,
    "",
    "Written by `bench/soak.py` (`make soak`); each run replaces the part for its database and "
    "cache. Family reads of a fixed mix of pages while an approver publishes Ashdown every "
    f"{PUBLISH_EVERY:.0f} s; each Ashdown response is read for the version it shows and "
    "compared with the versions committed before the request started.",
    "",
]


def write_soak_results(label: str, about: dict, setup: dict, rows, lines) -> None:
    part = [
        f"### {label}",
        "",
        *description_lines(about, setup),
        "",
        markdown_table(TABLE_HEADER, rows),
        "",
        *[f"- {line}" for line in lines],
        "",
    ]
    bench_part, soak_part = results_parts()
    kept = []  # the other configurations' parts, in their order
    for chunk in re.split(r"\n(?=### )", soak_part):
        if chunk.startswith("### ") and not chunk.startswith(f"### {label}\n"):
            kept.append(chunk.rstrip("\n") + "\n")
    parts = [*kept, "\n".join(part)]
    parts.sort(key=lambda chunk: not chunk.startswith("### PostgreSQL"))
    results_write(bench_part, "\n".join(SOAK_INTRO) + "\n" + "\n".join(parts))


def database_label(database: str) -> str:
    cache = "Redis" if os.environ.get("REDIS_URL") else "no Redis"
    name = "PostgreSQL" if database.startswith("postgres") else "SQLite"
    return f"{name}, {cache}"


def database_version(env: dict) -> str:
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    pg = connection.vendor == 'postgresql'\n"
        "    c.execute('SHOW server_version' if pg else 'SELECT sqlite_version()')\n"
        "    print(connection.vendor, c.fetchone()[0])\n"
    )
    done = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    return done.stdout.strip() or env["DATABASE_URL"].split(":", 1)[0]


# --- Main ---------------------------------------------------------------------------------


def pages_for(port: int) -> list[tuple]:
    """PAGES with two generated councils put in; each page checked once (must answer 200)."""
    status, headers, body = get(port, "/")
    if headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    demo = {"ashdown", "brackenford", "coldmere"}
    others = sorted(set(OFFER_LINK.findall(body.decode())) - demo) or ["brackenford"]
    values = {"other1": others[0], "other2": others[len(others) // 2]}
    pages = [(name, path.format(**values), kind, weight) for name, path, kind, weight in PAGES]
    for name, path, _, _ in pages:
        status, _, _ = get(port, path)
        if status != 200:
            raise SystemExit(f"{name} {path} answered {status} before the soak began")
    return pages


def soak(
    port: int, master, env: dict, seconds: int, redis_server: PrivateRedis | None = None
) -> tuple[list, dict]:
    pages = pages_for(port)
    order = [i for i, (_, _, _, weight) in enumerate(pages) for _ in range(weight)]
    workers = workers_of(master)
    process, events, reading = approver_start(env, WARMUP_SECONDS + seconds)
    stop = threading.Event()
    samples: list = []
    threads = []
    try:
        # The approver sets up Django first; the clock starts when it is ready.
        ready = time.monotonic() + 60
        while not any("ready" in e for e in events):
            if process.poll() is not None or time.monotonic() > ready:
                raise SystemExit("the approver did not start:\n" + approver_stop(process, 5))
            time.sleep(0.05)
        cold = {pid: rss_kb(pid) for pid in workers_of(master)}
        warm_began = time.monotonic()
        deadline = warm_began + WARMUP_SECONDS + seconds
        counter = itertools.count()
        records: list = []
        for i in range(CLIENTS):
            thread = threading.Thread(
                target=reader,
                args=(
                    port,
                    pages,
                    order,
                    i * len(order) // CLIENTS,
                    deadline,
                    counter,
                    stop,
                    records,
                ),
                daemon=True,
            )
            thread.start()
            threads.append(thread)
        print(
            f"  {CLIENTS} readers, a publish every {PUBLISH_EVERY:.0f} s: "
            f"{WARMUP_SECONDS} s warm-up, then {seconds} s measured",
            flush=True,
        )
        if stop.wait(max(0.0, warm_began + WARMUP_SECONDS - time.monotonic())):
            raise Stop("stopped")
        # The measured window: requests started from here on; memory sampled from here on.
        measured_from = time.time()
        load_before = os.getloadavg()[0]
        cpu_before = cpu_seconds(workers)
        began = time.monotonic()
        sampler = threading.Thread(target=rss_sampler, args=(master, stop, samples), daemon=True)
        sampler.start()
        marks: dict = {}
        if redis_server is not None and seconds >= OUTAGE_MIN_SECONDS:
            breaker = threading.Thread(
                target=outage, daemon=True, args=(redis_server, began + OUTAGE_AFTER, stop, marks)
            )
            breaker.start()
            print(
                f"  Redis frozen from {OUTAGE_AFTER:.0f} s into the measured window for "
                f"{OUTAGE_SECONDS / 2:.0f} s, then stopped for {OUTAGE_SECONDS / 2:.0f} s "
                "and started again",
                flush=True,
            )
        for thread in threads:
            thread.join(timeout=seconds + REQUEST_TIMEOUT + 30)
        seconds_run = time.monotonic() - began
        cpu_s = cpu_seconds(workers) - cpu_before
        stop.set()
        sampler.join(timeout=10)
        load_after = os.getloadavg()[0]
    finally:
        stop.set()
        stderr = approver_stop(process, timeout=60)
        reading.join(timeout=5)
    if process.returncode:
        sys.stderr.write(f"--- the approver's output ---\n{stderr}\n")
    publishes = [e for e in events if "version" in e]
    failures = [e for e in events if "error" in e]
    if process.returncode and not failures:
        last = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
        failures.append({"error": f"the approver exited with {process.returncode}: {last}"})
    measured = [r for r in records if r[1] >= measured_from]
    warm = [r for r in records if r[1] < measured_from]
    # Measured requests are counted against the time from measured_from to the last answer.
    # With a Redis outage, memory is checked from the first sample after Redis was back:
    # during it each worker makes every kind of page, loading what it had not needed yet.
    checked = samples
    if marks.get("started"):
        checked = [(t, seen) for t, seen in samples if measured_from + t >= marks["started"]]
    result = analyse(pages, measured, publishes, failures, checked, seconds_run, cpu_s)
    result["rss_all"] = samples
    warm_result = analyse(pages, warm, publishes, [], [], WARMUP_SECONDS, 0.0)
    result["warmup"] = {
        "requests": warm_result["requests"],
        "errors": sum(warm_result["errors"].values()),
        "stale": warm_result["stale"],
        "publishes": sum(1 for p in publishes if p["committed"] < measured_from),
        "cold_rss": cold,
    }
    result["ok"] = result["ok"] and not result["warmup"]["errors"] and not warm_result["stale"]
    result["loadavg"] = (load_before, load_after)
    result["outage"] = outage_figures(pages, measured, publishes, marks, redis_server)
    if redis_server is not None and seconds >= OUTAGE_MIN_SECONDS:
        result["ok"] = result["ok"] and bool(result["outage"].get("complete"))
    return pages, result


def outage_figures(pages, measured, publishes, marks, redis_server) -> dict:
    """The measured requests before, during and after the Redis outage, each checked."""
    if "frozen" not in marks:
        return {}
    end = marks.get("started", float("inf"))
    phases = {
        "before": [r for r in measured if r[1] < marks["frozen"]],
        "frozen": [r for r in measured if marks["frozen"] <= r[1] < marks.get("stopped", end)],
        "stopped": [r for r in measured if marks.get("stopped", end) <= r[1] < end],
        "after": [r for r in measured if r[1] >= end],
    }
    figures = {"marks": marks, "complete": "after_start" in marks, "phases": {}}
    for name, records in phases.items():
        if records:
            span = max(r[1] for r in records) - min(r[1] for r in records)
            figures["phases"][name] = analyse(pages, records, publishes, [], [], span or 1, 0.0)
    figures["publishes"] = sum(1 for p in publishes if marks["frozen"] <= p["committed"] < end)
    if redis_server is not None and figures["complete"]:
        figures["end"] = redis_server.info()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=float(os.environ.get("SOAK_SECONDS") or DEFAULT_SECONDS),
        help=f"seconds of load, {MIN_SECONDS} to {MAX_SECONDS} (default {DEFAULT_SECONDS})",
    )
    parser.add_argument(
        "--councils", type=int, default=COUNCILS, help="generated councils to seed (default 153)"
    )
    parser.add_argument(
        "--approver", action="store_true", help="(internal) be the approver process that publishes"
    )
    args = parser.parse_args()
    if args.approver:
        return approver(args.seconds)
    if not MIN_SECONDS <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be {MIN_SECONDS} to {MAX_SECONDS}")
    seconds = int(args.seconds)
    stop_on_sigterm()

    port = free_port()
    redis_server = None
    with tempfile.TemporaryDirectory(prefix="kinship-soak-redis-") as redis_dir:
        try:
            if os.environ.get("REDIS_URL"):
                redis_server = PrivateRedis(redis_dir)
                redis_server.start()
                os.environ["REDIS_URL"] = redis_server.url  # for the stack and the report
                print(
                    f"redis-server of the soak's own on 127.0.0.1:{redis_server.port}", flush=True
                )
            print("Preparing the soak database and static files", flush=True)
            env, database_url, councils = prepare(port, SQLITE_PATH, args.councils)
            env["TRUSTED_PROXY_COUNT"] = "1"  # the readers' X-Forwarded-For (CLIENT_ADDRESSES)
            with serving(env, port) as master:
                print(f"gunicorn (2 sync workers) on 127.0.0.1:{port}", flush=True)
                pages, result = soak(port, master, env, seconds, redis_server)
            about = machine()
        finally:
            if redis_server is not None:
                redis_server.stop()

    database = database_version(env)
    label = database_label(database)
    before, after = result["loadavg"]
    setup = {
        "database": database,
        "councils": councils,
        "loadavg": f"{before:.2f} at the start, {after:.2f} at the end "
        f"(the soak itself, readers included, keeps {os.cpu_count()} CPUs busy)",
        "load": (
            f"{seconds} s after a {WARMUP_SECONDS} s warm-up of the same load; {CLIENTS} "
            "Python client threads (http.client, a new connection a "
            "request, 10 s timeout) on 127.0.0.1, headers "
            + ", ".join(f"`{k}: {v}`" for k, v in HEADERS.items())
            + ", through the pages below in turn (weighted: the overview 4, ?for=sgo, the "
            "financial section and the API offer 2, others 1), against gunicorn "
            "kinship_portal.wsgi (2 sync workers, DEBUG=0); an approver process (Django "
            f"in-process, same database) publishing Ashdown every {PUBLISH_EVERY:.0f} s from "
            f"{FIRST_PUBLISH:.0f} s into the warm-up, and never in the last "
            f"{LAST_PUBLISH_BEFORE_END:.0f} s; "
            "the client threads share the machine's CPUs with gunicorn, so requests/s is "
            "lower than `make bench`'s wrk figures"
        ),
    }
    rows = table_rows(pages, result)
    lines = figure_lines(result)
    print()
    print(f"{about['date']} · {about['cpus']} · {about['memory']} · Python {about['python']}")
    print(f"Database: {database} · cache: {about['cache']}")
    print(f"Data: {councils}")
    print()
    print(text_table(TABLE_HEADER, rows, TABLE_RIGHT))
    print()
    for line in lines:
        print(line)
    write_soak_results(label, about, setup, rows, lines)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)} under “{SOAK_HEADING[3:]}”, {label}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, Stop):
        sys.exit(130)

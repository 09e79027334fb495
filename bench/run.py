"""`make bench`: the public pages on the production stack, under a bounded loopback load.

Not a test, never run by `make test`: it prints figures to compare between runs on one
machine, each page as a ratio to a static file served by the same server in the same run.

    make bench                                   # SQLite file bench/bench.sqlite3, made afresh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_bench \
    REDIS_URL=redis://127.0.0.1:6379/3 make bench  # PostgreSQL (database made if missing) + Redis
    make bench BENCH_SECONDS=5                    # shorter cases (1 to 20 s; default 10)

Steps: migrate the bench database, seed the demo councils and 153 generated ones
(`seed_demo --councils 153`, with DEBUG=1 for that command only), collectstatic into
bench/static (bench/settings.py: the site's settings with only STATIC_ROOT moved), start
gunicorn (kinship_portal.wsgi, 2 sync workers, DEBUG=0) on a free loopback port, then for
each case: one checked request (must answer 200 and, but for the stylesheet, be a page the
page cache keeps: it has an ETag), a 1 s wrk run that is thrown away (so both
workers' page caches are warm: the "pages" cache is per process without REDIS_URL), then
`wrk -t2 -c16 -d<N>s --latency` with `X-Forwarded-Proto: https` (DEBUG=0 turns on
SECURE_SSL_REDIRECT; without the header every request is a 301) and `Accept-Encoding: gzip`.
A page's load is split into 5 runs, each just after a run of the static file as long, and
its ratio is the median of the 5 ratios (run_paired says why). Afterwards: each worker's RSS,
then gunicorn is stopped and bench/timings.py times publishing a 20-section offer and
importing a 2 MB document in-process on the same database, the officers' diffs on
10,000-word texts and offers (bench/diffs.py: under 1 s each), and bench/workspace.py the
officers' workspace pages for a 40-section offer (p95 under 100 ms, the same queries at 3 and
40 sections). One table
is printed and written to bench/results.md with the machine description. gunicorn is stopped
however the run ends (error, Ctrl-C, SIGTERM).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys

from bench import diffs
from bench.stack import (
    BENCH,
    COUNCILS,
    HEADERS,
    PY,
    RESULTS,
    ROOT,
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

SQLITE_PATH = BENCH / "bench.sqlite3"
REPORT_LUA = BENCH / "report.lua"
WARMUP_SECONDS = 1
ROUNDS = 5  # a page's load is split into this many runs, each just after one of the static file
MAX_SECONDS = 20

# (case, path, target). "page": a cached public page, >= 0.75x the static file, p99 < 20 ms.
CASES = [
    ("static file", "/static/css/app.css", "static"),
    ("home /", "/", "page"),
    ("offer overview", "/offers/ashdown/", "page"),
    ("guide page", "/offers/ashdown/financial/", "page"),
    ("?for=sgo", "/offers/ashdown/?for=sgo", "page"),
    ("print", "/offers/ashdown/print/", "page"),
    ("changes", "/offers/ashdown/changes/", "page"),
    ("Atom", "/offers/ashdown/changes.atom", "page"),
    ("compare", "/compare/", "page"),
    ("API offer", "/api/v1/offers/ashdown/", "page"),
    ("search", "/search/?q=coffee+morning", "search"),
]
PAGE_RATIO, PAGE_P99_MS = 0.75, 20.0
SEARCH_RATIO, SEARCH_P95_MS = 0.30, 100.0
RSS_TARGET_MB = 150
PUBLISH_TARGET_S = 0.5


# --- wrk ----------------------------------------------------------------------------------

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str, label: str) -> float | None:
    found = re.search(rf"^\s*{re.escape(label)}\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    return float(found.group(1)) * UNITS_MS[found.group(2)] if found else None


def wrk(port: int, path: str, seconds: int) -> dict:
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", str(REPORT_LUA)]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30)
    text = done.stdout
    if done.returncode:
        raise SystemExit(f"wrk failed on {path}: {done.stderr or text}")
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    extra = re.search(r"^BENCH_JSON (.*)$", text, re.M)
    extra = json.loads(extra.group(1)) if extra else {}
    errors = {
        "non-2xx/3xx": int(non_2xx.group(1)) if non_2xx else 0,
        **(
            dict(
                zip(
                    ("connect", "read", "write", "timeout"),
                    map(int, socket_errors.groups()),
                    strict=True,
                )
            )
            if socket_errors
            else {}
        ),
    }
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p50": _ms(text, "50%"),
        "p95": extra["p95_us"] / 1000 if "p95_us" in extra else None,
        "p99": _ms(text, "99%"),
        "requests": extra.get("requests"),
        "errors": errors,
        "raw": text,
    }


def checked_and_warm(port: int, name: str, path: str) -> dict:
    """One checked request (what it answers and how big), then a thrown-away warm-up run
    when it answered 200, so both workers' caches are warm."""
    status, headers, body = get(port, path)
    result = {
        "case": name,
        "path": path,
        "status": status,
        "bytes": len(body),
        "encoding": headers.get("Content-Encoding", ""),
    }
    if status == 200 and not path.startswith("/static/") and "ETag" not in headers:
        # Every case but the stylesheet is a page families reach that the page cache keeps;
        # one it does not keep (a search that finds nothing) would measure the render limit.
        result["status"] = "not kept"
    if result["status"] != 200:
        print(f"  {name:<15} {path}: answered {result['status']}, not measured", flush=True)
    else:
        wrk(port, path, WARMUP_SECONDS)
    return result


def run_case(port: int, name: str, path: str, seconds: int, workers: list[int]) -> dict:
    result = checked_and_warm(port, name, path)
    if result["status"] != 200:
        return result
    cpu_before = cpu_seconds(workers)
    result.update(wrk(port, path, seconds))
    # CPU the workers spent per request: unlike requests/s, hardly moved by other work on
    # the machine, so it compares runs on a busy machine too.
    if result["requests"]:
        result["cpu_ms"] = (cpu_seconds(workers) - cpu_before) * 1000 / result["requests"]
    print(
        f"  {name:<15} {result['rps']:>8,.0f} requests/s  p50 {result['p50']:.2f} ms  "
        f"p99 {result['p99']:.2f} ms  errors {sum(result['errors'].values())}  "
        f"CPU {result.get('cpu_ms', 0):.2f} ms/request",
        flush=True,
    )
    return result


def run_paired(
    port: int, name: str, path: str, static_path: str, seconds: int, workers: list[int]
) -> dict:
    """A page under load in ROUNDS short runs, each just after a run of the static file as
    long; its ratio is the median of the rounds' ratios.

    On a shared machine the speed drifts within minutes and dips for seconds (measured here:
    the workers' CPU time per request for kept pages, which cost about the same, went from
    0.88 to 1.27 ms within one run), so a ratio to one static run made minutes earlier
    measured the machine as much as the page. requests/s and p50 are the medians of the
    rounds; p95 and p99 the worst round's.
    """
    result = checked_and_warm(port, name, path)
    if result["status"] != 200:
        return result
    each = max(1, seconds // ROUNDS)
    pages, statics, cpu = [], [], 0.0
    for _ in range(ROUNDS):
        statics.append(wrk(port, static_path, each))
        cpu_before = cpu_seconds(workers)
        pages.append(wrk(port, path, each))
        cpu += cpu_seconds(workers) - cpu_before
    ratios = [
        page["rps"] / static["rps"]
        for page, static in zip(pages, statics, strict=True)
        if static["rps"]
    ]
    requests = sum(page["requests"] or 0 for page in pages)
    errors = {}
    for page in pages:
        for kind, count in page["errors"].items():
            errors[kind] = errors.get(kind, 0) + count
    result.update(
        {
            "rps": statistics.median(page["rps"] for page in pages),
            "p50": statistics.median(page["p50"] for page in pages if page["p50"] is not None),
            "p95": max((page["p95"] for page in pages if page["p95"] is not None), default=None),
            "p99": max((page["p99"] for page in pages if page["p99"] is not None), default=None),
            "errors": errors,
            "requests": requests,
            "cpu_ms": cpu * 1000 / requests if requests else None,
            "reference_rps": statistics.median(static["rps"] for static in statics),
            "ratio": statistics.median(ratios) if ratios else None,
            "ratios": ratios,
        }
    )
    print(
        f"  {name:<15} {result['rps']:>8,.0f} requests/s  p50 {result['p50']:.2f} ms  "
        f"p99 {result['p99']:.2f} ms  errors {sum(errors.values())}  "
        f"× static {result['ratio'] or 0:.2f} (rounds {_range(ratios)})  "
        f"CPU {result.get('cpu_ms') or 0:.2f} ms/request",
        flush=True,
    )
    return result


def _range(values: list[float]) -> str:
    return f"{min(values):.2f}–{max(values):.2f}" if values else "–"


# --- Report -------------------------------------------------------------------------------


def _num(value, spec=".2f") -> str:
    return "–" if value is None else format(value, spec)


def _errors(errors: dict) -> str:
    total = sum(errors.values())
    if not total:
        return "0"
    return f"{total} (" + ", ".join(f"{k} {v}" for k, v in errors.items() if v) + ")"


def _ratio(result: dict) -> float | None:
    """Requests/s as a share of the static file's (the median of run_paired's rounds)."""
    if result.get("kind") == "static" and "rps" in result:
        return 1.0
    return result.get("ratio")


def _target(result: dict, kind: str) -> str:
    if kind == "static":
        return "reference"
    if "rps" not in result:
        return f"MISSING ({result['status']})"
    ratio = _ratio(result) or 0
    errors = sum(result["errors"].values())
    if kind == "search":
        want = f"≥{SEARCH_RATIO}×, p95<{SEARCH_P95_MS:.0f} ms"
        met = ratio >= SEARCH_RATIO and (result["p95"] or 1e9) < SEARCH_P95_MS
    else:
        want = f"≥{PAGE_RATIO}×, p99<{PAGE_P99_MS:.0f} ms"
        met = ratio >= PAGE_RATIO and (result["p99"] or 1e9) < PAGE_P99_MS
    return ("ok" if met and not errors else "MISSED") + f" ({want})"


def table_rows(results: list[dict]) -> list[list[str]]:
    rows = []
    for r in results:
        measured = "rps" in r
        rows.append(
            [
                r["case"],
                r["path"],
                f"{r['rps']:,.0f}" if measured else "–",
                _num(r.get("p50")),
                _num(r.get("p95")),
                _num(r.get("p99")),
                _errors(r["errors"]) if measured else "–",
                f"{r['reference_rps']:,.0f}" if r.get("reference_rps") else "–",
                _num(_ratio(r)),
                _range(r["ratios"]) if r.get("ratios") else "–",
                _num(r.get("cpu_ms"), ".3f"),
                f"{r['bytes'] / 1024:.1f}" + (" gz" if r["encoding"] == "gzip" else ""),
                _target(r, r["kind"]),
            ]
        )
    return rows


HEADER = [
    "case",
    "path",
    "requests/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "errors",
    "static requests/s",
    "× static",
    "× static, each round",
    "CPU ms/req",
    "KB sent",
    "target",
]
RIGHT = {2, 3, 4, 5, 7, 8, 9, 10, 11}  # the columns of figures


def timing_lines(timings: dict | None, rss: dict[int, int | None]) -> list[str]:
    lines = []
    if timings:
        publish, imports = min(timings["publish_s"]), min(timings["import_s"])
        lines.append(
            f"Publish of a {timings['publish_sections']}-section offer "
            f"({timings['publish_entries']} entries, {timings['publish_bytes'] / 1024:.0f} KB): "
            f"best of {len(timings['publish_s'])} {publish:.3f} s "
            f"(all: {', '.join(f'{t:.3f}' for t in timings['publish_s'])}); "
            + (
                f"target < {PUBLISH_TARGET_S} s on SQLite: "
                + ("ok" if publish < PUBLISH_TARGET_S else "MISSED")
                if timings["database"].startswith("sqlite")
                else f"(the < {PUBLISH_TARGET_S} s target is for SQLite: run without DATABASE_URL)"
            )
            + f" [{timings['database']}]"
        )
        lines.append(
            f"Import of a {timings['import_bytes'] / 1024 / 1024:.2f} MB document "
            f"({timings['import_sections']} sections, {timings['import_entries']} entries): "
            f"best of {len(timings['import_s'])} {imports:.3f} s "
            f"(all: {', '.join(f'{t:.3f}' for t in timings['import_s'])})"
        )
        lines += diffs.diff_lines(timings.get("diffs", []))
    else:
        lines.append("Publish, import and diff timings: not measured (see the error above)")
    worst = max((kb for kb in rss.values() if kb), default=None)
    lines.append(
        "Worker RSS after the run: "
        + ", ".join(
            f"pid {pid} {kb / 1024:.0f} MB" if kb else f"pid {pid} gone" for pid, kb in rss.items()
        )
        + (
            f"; target < {RSS_TARGET_MB} MB per worker: "
            + ("ok" if worst / 1024 < RSS_TARGET_MB else "MISSED")
            if worst
            else ""
        )
    )
    return lines


def workspace_lines(found: dict | None) -> list[str]:
    """One line per workspace page (bench/workspace.py): p95 at the larger offer against the
    target, and its query counts at each size, which must be the same."""
    if not found:
        return ["Workspace pages: not measured (see the error above)"]
    small, large = (str(size) for size in found["sizes"])
    lines = []
    for kind, by_size in found["pages"].items():
        at_large, at_small = by_size.get(large), by_size.get(small)
        if not at_large:
            continue
        p95_ok = at_large["p95_ms"] < found["target_p95_ms"]
        same = at_small is not None and at_small["queries"] == at_large["queries"]
        lines.append(
            f"Workspace, {kind}, {large} sections × 10 entries: p50 {at_large['p50_ms']:.1f} ms, "
            f"p95 {at_large['p95_ms']:.1f} ms (target < {found['target_p95_ms']} ms: "
            f"{'ok' if p95_ok else 'MISSED'}); queries at {small} and {large} sections: "
            f"{at_small['queries'] if at_small else '–'} and {at_large['queries']} "
            f"({'the same: ok' if same else 'DIFFERENT'})"
        )
    return lines


def write_results(about: dict, setup: dict, rows, lines) -> None:
    text = [
        "# `make bench` results",
        "",
        "Written by `bench/run.py` (`make bench`); each run replaces this part of the file "
        "(`make soak`'s part, under its own heading below, is kept).",
        "",
        *description_lines(about, setup),
        "",
        markdown_table(HEADER, rows),
        "",
        *[f"- {line}" for line in lines],
        "",
    ]
    results_write("\n".join(text), results_parts()[1])


# --- Main ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--duration",
        type=int,
        default=int(os.environ.get("BENCH_SECONDS") or 10),
        help=f"seconds of load per case, 1 to {MAX_SECONDS} (default 10)",
    )
    parser.add_argument(
        "--councils", type=int, default=COUNCILS, help="generated councils to seed (default 153)"
    )
    args = parser.parse_args()
    if not 1 <= args.duration <= MAX_SECONDS:
        parser.error(f"--duration must be 1 to {MAX_SECONDS} seconds")
    if not shutil.which("wrk"):
        raise SystemExit(
            "wrk is not installed: run `make bench` (it installs it) or `apt-get install -y wrk`"
        )
    stop_on_sigterm()

    port = free_port()
    print("Preparing the bench database and static files", flush=True)
    env, database_url, councils = prepare(port, SQLITE_PATH, args.councils)

    results, rss, timings = [], {}, None
    load_before = load_after = None
    with serving(env, port) as master:
        print(
            f"gunicorn (2 sync workers) on 127.0.0.1:{port}; {args.duration} s a "
            "case after a 1 s warm-up",
            flush=True,
        )
        load_before = os.getloadavg()[0]
        workers = workers_of(master)
        static_path = next(path for _, path, kind in CASES if kind == "static")
        for name, path, kind in CASES:
            if kind == "static":
                result = run_case(port, name, path, args.duration, workers)
            else:
                result = run_paired(port, name, path, static_path, args.duration, workers)
            results.append({**result, "kind": kind})
        rss = {pid: rss_kb(pid) for pid in workers_of(master)}
        load_after = os.getloadavg()[0]

    print("Timing publish, import and diffs in-process (gunicorn stopped)", flush=True)
    done = subprocess.run(
        [PY, "-m", "bench.timings"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    if done.returncode == 0:
        timings = json.loads(done.stdout.strip().splitlines()[-1])
    else:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])

    print("Timing the officers' workspace in-process", flush=True)
    done = subprocess.run(
        [PY, "-m", "bench.workspace"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    workspace = None
    if done.returncode == 0:
        workspace = json.loads(done.stdout.strip().splitlines()[-1])
    else:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])

    about = machine()
    setup = {
        "database": timings["database"] if timings else database_url.split(":", 1)[0],
        "councils": councils,
        "loadavg": (
            f"{load_before:.2f} before the first case, {load_after:.2f} after the last "
            f"(this run's own load is about 2-3 on {os.cpu_count()} CPUs; more means other "
            "work shared the machine, which lowers every figure but less so the ratios)"
            if load_after is not None
            else "not measured"
        ),
        "load": (
            f"wrk -t2 -c16 -d{args.duration}s --latency, headers "
            + ", ".join(f"`{k}: {v}`" for k, v in HEADERS.items())
            + f", on 127.0.0.1 against gunicorn kinship_portal.wsgi (2 sync workers, DEBUG=0); "
            f"per case one checked request and a {WARMUP_SECONDS} s warm-up run first, so "
            f"cached pages are measured warm; a page's load in {ROUNDS} runs of "
            f"{max(1, args.duration // ROUNDS)} s, each just after a run of the static file as "
            "long: its ratio is the median of the rounds' ratios, requests/s and p50 the "
            "rounds' medians, p95 and p99 the worst round's (the machine's speed drifts and "
            "dips); p95 from wrk's Lua summary (bench/report.lua); "
            "CPU ms/req: user+system time of both workers during the measured run (from "
            "/proc) over its requests, which other work on the machine hardly changes"
        ),
    }
    rows = table_rows(results)
    lines = timing_lines(timings, rss) + workspace_lines(workspace)
    print()
    print(f"{about['date']} · {about['cpus']} · {about['memory']} · Python {about['python']}")
    print(f"{about['versions']}")
    print(f"Database: {setup['database']} · cache: {about['cache']}")
    print(f"Data: {councils}")
    print(f"Load average (1 min): {setup['loadavg']}")
    print()
    print(text_table(HEADER, rows, RIGHT))
    print()
    for line in lines:
        print(line)
    write_results(about, setup, rows, lines)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    return 0 if timings else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (KeyboardInterrupt, Stop):
        sys.exit(130)

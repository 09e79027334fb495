"""The `make bench` stack, shared by `make bench` (bench/run.py) and `make soak` (bench/soak.py).

The bench database (a fresh SQLite file, or DATABASE_URL's PostgreSQL, made if missing),
migrated and seeded with the demo councils and 153 generated ones, static files collected
into bench/static, and gunicorn (kinship_portal.wsgi, 2 sync workers, DEBUG=0) on a free
loopback port, stopped however the run ends; the workers' CPU time and memory from /proc;
the machine's description; bench/results.md, where each tool keeps its own part.
"""

import contextlib
import datetime
import http.client
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PY = sys.executable
GUNICORN = str(Path(PY).with_name("gunicorn"))
RESULTS = BENCH / "results.md"
SECRET_KEY = "bench-only-secret-key-" + "never-used-by-any-real-site-" * 3
COUNCILS = 153
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
SOAK_HEADING = "## Soak"  # bench/results.md: `make bench`'s part above, `make soak`'s below


class Stop(Exception):
    """SIGTERM, turned into an exception so the finally blocks stop gunicorn."""


def _on_sigterm(signum, frame):
    raise Stop("terminated")


def stop_on_sigterm() -> None:
    signal.signal(signal.SIGTERM, _on_sigterm)


# --- Environment and setup ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(port: int, database_url: str, debug: bool = False) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        DEBUG="1" if debug else "0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    if not os.environ.get("REDIS_URL"):
        env.pop("REDIS_URL", None)
    return env


def manage(env: dict, *args: str) -> str:
    step = " ".join(args)
    print(f"  manage.py {step}", flush=True)
    done = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise SystemExit(f"manage.py {step} failed (exit {done.returncode})")
    return done.stdout


def database_prepare(sqlite_path: Path) -> str:
    """The bench database's URL: a fresh SQLite file, or DATABASE_URL's (made if missing)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{sqlite_path}"
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg2
        from psycopg2 import sql

        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        admin = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                print(f"  creating database {name}", flush=True)
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        admin.close()
    return url


def seed_supports_councils(env: dict) -> bool:
    """seed_demo --councils N (generated councils); until it exists, the 3 demo ones."""
    return "--councils" in manage(env, "seed_demo", "--help")


def prepare(port: int, sqlite_path: Path, councils: int = COUNCILS) -> tuple[dict, str, str]:
    """Make the stack's database and static files ready for gunicorn on `port`.

    Returns gunicorn's environment, the database URL and a line describing the data.
    """
    if not (ROOT / "static" / "css" / "app.css").exists():
        raise SystemExit("static/css/app.css is missing: run `make css` first")
    database_url = database_prepare(sqlite_path)
    env = bench_env(port, database_url)
    manage(env, "migrate", "--no-input", "-v", "0")
    if not os.environ.get("REDIS_URL"):
        manage(env, "createcachetable")
    seed_env = bench_env(port, database_url, debug=True)  # seed_demo refuses DEBUG=0
    if seed_supports_councils(seed_env):
        manage(seed_env, "seed_demo", "--councils", str(councils), "-v", "0")
        data = f"the 3 demo councils and {councils} generated ones (seed_demo)"
    else:
        # Hook: until seed_demo has --councils, only the demo councils are there.
        print("  WARNING: seed_demo has no --councils yet: measuring 3 demo councils only")
        manage(seed_env, "seed_demo", "-v", "0")
        data = "the 3 demo councils only (seed_demo had no --councils option)"
    manage(env, "collectstatic", "--no-input", "--clear", "-v", "0")
    return env, database_url, data


# --- gunicorn -----------------------------------------------------------------------------


def gunicorn_start(env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            GUNICORN,
            "kinship_portal.wsgi",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # Ctrl-C reaches us, and we stop it in order
    )


def workers_of(master: subprocess.Popen) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True)
    return [int(pid) for pid in done.stdout.split()]


def gunicorn_stop(master: subprocess.Popen) -> None:
    if master.poll() is not None:
        return
    workers = workers_of(master)
    master.send_signal(signal.SIGTERM)  # graceful: the master stops its workers
    try:
        master.wait(timeout=20)
    except subprocess.TimeoutExpired:
        master.kill()
        master.wait(timeout=5)
    for pid in workers:  # in case a worker outlived its master
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def get(port: int, path: str, timeout: float = 10.0):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        body = response.read()
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def wait_until_up(master: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise SystemExit(f"gunicorn exited (code {master.returncode}) before answering")
        try:
            status, _, _ = get(port, "/healthz", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz within {timeout:.0f} s")


@contextlib.contextmanager
def serving(env: dict, port: int):
    """gunicorn, answering on 127.0.0.1:port, for the with block; stopped however it ends.

    On an error, gunicorn's own log lines and any traceback (not the request log lines) are
    printed before it is stopped.
    """
    with tempfile.TemporaryDirectory(prefix="kinship-bench-") as tmp:
        log_path = Path(tmp) / "gunicorn.log"
        with open(log_path, "wb") as log:
            master = gunicorn_start(env, port, log)
            try:
                wait_until_up(master, port)
                yield master
            except Stop:
                raise
            except (Exception, SystemExit):
                lines = [
                    line
                    for line in log_path.read_text(errors="replace").splitlines()
                    if '"logger": "kinship.requests"' not in line
                ]
                tail = "\n".join(lines[-40:])
                sys.stderr.write(f"--- gunicorn's log, request lines left out ---\n{tail}\n")
                raise
            finally:
                gunicorn_stop(master)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used (/proc/<pid>/stat, fields 14 and 15)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


# --- Report -------------------------------------------------------------------------------


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    wrk_version = (
        subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
        if shutil.which("wrk")
        else ""
    )
    redis_url = os.environ.get("REDIS_URL", "")
    if redis_url:
        import redis

        server = redis.Redis.from_url(redis_url).info("server")["redis_version"]
        cache = (
            f"Redis {server} at {_no_password(redis_url)} (pages and the default "
            "cache, shared by the workers)"
        )
    else:
        cache = "local memory in each worker (pages cache); database table (default cache)"
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": f"{os.cpu_count()} (nproc), {cpu}",
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB",
        "kernel": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": ", ".join(
            f"{package} {metadata.version(package)}"
            for package in ("Django", "gunicorn", "whitenoise")
        )
        + (f", {wrk_version.split(' [')[0].strip()}" if wrk_version else ""),
        "cache": cache,
    }


def _no_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def results_parts() -> tuple[str, str]:
    """bench/results.md as (`make bench`'s part, `make soak`'s part from its heading on)."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    at = text.find(f"\n{SOAK_HEADING}\n")
    if at < 0:
        return text, ""
    return text[: at + 1], text[at + 1 :]


def results_write(bench_part: str, soak_part: str) -> None:
    parts = [part.rstrip("\n") + "\n" for part in (bench_part, soak_part) if part.strip()]
    RESULTS.write_text("\n".join(parts), encoding="utf-8")


# --- Report -------------------------------------------------------------------------------


def description_lines(about: dict, setup: dict) -> list[str]:
    """What a run was measured on, as bench/results.md's bullet lines (bench and soak)."""
    return [
        f"- Date: {about['date']}",
        f"- Machine: {about['cpus']}, {about['memory']} memory, {about['kernel']}",
        f"- Python {about['python']}; {about['versions']}",
        f"- Database: {setup['database']}; cache: {about['cache']}",
        f"- Data: {setup['councils']}",
        f"- Load: {setup['load']}",
        f"- Machine load average (1 min): {setup['loadavg']}",
    ]


def text_table(header: list[str], rows: list[list[str]], right: set[int]) -> str:
    """Rows in aligned columns for the terminal; columns numbered in right are right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """Rows as a Markdown table for bench/results.md; the second column (a path) as code."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [f"`{c}`" if i == 1 else c.replace("|", "\\|") for i, c in enumerate(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)

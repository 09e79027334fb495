"""Reading kinship_portal/settings.py with another environment: in this process (a fresh copy
of the module) or in a new Python process (to see it refuse to start)."""

import importlib.util
import os
import subprocess
import sys

from django.conf import settings

import kinship_portal.settings as settings_module

# Settings a test's environment must not inherit from the shell that runs the suite.
INHERITED = {
    "DEBUG",
    "SECRET_KEY",
    "SITE_URL",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "TRUSTED_PROXY_COUNT",
}

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-value-for-this-test-only-0123456789-abcdef",
    "ALLOWED_HOSTS": "kinship.example",
    "SITE_URL": "https://kinship.example",
}


def load_settings(monkeypatch, **env):
    """A fresh copy of kinship_portal/settings.py read with this environment."""
    for name in ("REDIS_URL", "TRUSTED_PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", settings_module.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_python(arguments: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run Python in the project folder with only this environment's settings."""
    clean = {k: v for k, v in os.environ.items() if k not in INHERITED}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def import_settings(env: dict) -> subprocess.CompletedProcess:
    return run_python(["-c", "import kinship_portal.settings"], env)

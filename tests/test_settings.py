"""kinship_portal/settings.py: read from the environment, strict about what it is given, and
refusing to start in production without what production needs."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .settings_helpers import PRODUCTION, import_settings, load_settings, run_python

TEST_REDIS_URL = "redis://127.0.0.1:6379/15"
CACHE_TABLE = "kinship_cache"

# --- Yes/no and number settings are parsed strictly -----------------------------------------


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("1", True),
        ("0", False),
        ("true", True),
        ("False", False),
        ("yes", True),
        ("no", False),
        ("on", True),
        ("OFF", False),
        (" 1 ", True),
    ],
)
def test_a_yes_or_no_setting_reads_the_usual_words(monkeypatch, value, read):
    loaded = load_settings(monkeypatch, DEBUG="1", SECURE_HSTS_INCLUDE_SUBDOMAINS=value)
    assert loaded.env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not read) is read


def test_an_empty_or_missing_yes_or_no_setting_takes_its_default(monkeypatch):
    loaded = load_settings(monkeypatch, DEBUG="1", EMAIL_USE_TLS="")
    assert loaded.EMAIL_USE_TLS is True
    monkeypatch.delenv("EMAIL_USE_TLS")
    assert loaded.env_bool("EMAIL_USE_TLS", False) is False


@pytest.mark.parametrize("name", ["SECURE_HSTS_INCLUDE_SUBDOMAINS", "DEBUG", "EMAIL_USE_TLS"])
def test_a_mistyped_yes_or_no_stops_the_site_starting_with_a_clear_message(name):
    result = import_settings({**PRODUCTION, name: "ture"})
    assert result.returncode != 0
    assert f"{name}='ture' is not a yes or no: use 1 or 0" in result.stderr


def test_the_same_setting_spelled_right_starts(monkeypatch):
    result = import_settings({**PRODUCTION, "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "EMAIL_PORT",
        "SECURE_HSTS_SECONDS",
        "CONN_MAX_AGE",
        "PAGE_CACHE_ENTRIES",
        "TRUSTED_PROXY_COUNT",
    ],
)
def test_a_number_setting_that_is_not_a_number_stops_the_site_starting(monkeypatch, name):
    with pytest.raises(ImproperlyConfigured, match=f"{name}='58 7' is not a whole number"):
        load_settings(monkeypatch, **{**PRODUCTION, name: "58 7"})


# --- Production refuses to start without what it needs -------------------------------------


def test_production_refuses_to_start_without_a_real_secret_key():
    result = import_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value" in result.stderr

    short = import_settings({"DEBUG": "0", "SECRET_KEY": "too-short"})
    assert short.returncode != 0


def test_production_starts_with_a_long_secret_key():
    result = import_settings(
        {"DEBUG": "0", "SECRET_KEY": "x" * 50, "SITE_URL": "https://kinship.example"}
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_site_url():
    without = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    result = import_settings(without)
    assert result.returncode != 0
    assert "Set SITE_URL to the site's public address" in result.stderr

    not_an_address = import_settings({**without, "SITE_URL": "kinship.example"})
    assert not_an_address.returncode != 0


def test_production_starts_with_site_url():
    result = run_python(
        ["-c", "import kinship_portal.settings as s; print(s.SITE_URL)"],
        {**PRODUCTION, "SITE_URL": "https://kinship.example/"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://kinship.example"


def test_the_deploy_check_with_production_settings_prints_no_warnings():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_every_silenced_check_has_a_written_reason():
    source = (settings.BASE_DIR / "kinship_portal" / "settings.py").read_text()
    before = source.split("SILENCED_SYSTEM_CHECKS")[0].rstrip().splitlines()
    assert before[-1].startswith("#"), "say why a check is silenced, just above it"


# --- The shared cache and the proxies --------------------------------------------------------


def test_cache_is_redis_when_redis_url_is_set_and_a_database_table_otherwise(monkeypatch):
    redis = load_settings(monkeypatch, REDIS_URL=TEST_REDIS_URL).CACHES["default"]
    assert redis["BACKEND"] == "offers.cache_backends.ReusedClientRedisCache"
    assert redis["LOCATION"] == TEST_REDIS_URL
    database = load_settings(monkeypatch).CACHES["default"]
    assert database["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert database["LOCATION"] == CACHE_TABLE


def test_trusted_proxy_count_comes_from_the_environment(monkeypatch):
    assert load_settings(monkeypatch).TRUSTED_PROXY_COUNT == 0
    assert load_settings(monkeypatch, TRUSTED_PROXY_COUNT="2").TRUSTED_PROXY_COUNT == 2
    with pytest.raises(ImproperlyConfigured):
        load_settings(monkeypatch, TRUSTED_PROXY_COUNT="-1")

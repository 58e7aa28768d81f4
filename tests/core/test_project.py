"""Project-wide guarantees: deploy checks, migrations, translations, settings that must be required."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "api_human.settings.production",
    "SECRET_KEY": "x8#kP2m!vQ9z@Lr4tW7nB3cF6hJ1dS5gA0eY-uI_oZ+xC^vN&mQ",
    "ALLOWED_HOSTS": "api-human.example.gov.il",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/api_human",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, env):
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_under_production_settings_reports_no_issue():
    result = _manage("check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("language", ["he", "ar"])
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert catalogue.percent_translated() == 100, [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]


SOURCE_DIRS = [
    "api_human",
    "stages",
    "initiatives",
    "opportunities",
    "tensions",
    "dashboards",
    "webhooks",
    "templates",
    "locale",
]


@pytest.mark.skipif(
    shutil.which("xgettext") is None and os.environ.get("CI") != "true", reason="needs gettext"
)
def test_every_marked_string_is_in_the_catalogues(tmp_path, settings):
    """Re-extract the strings from a copy of the sources: nothing untranslated may appear."""
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        call_command("makemessages", locale=["he", "ar"], no_location=True, no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    for language in ("he", "ar"):
        fresh = polib.pofile(str(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in fresh if not e.translated() or e.fuzzy]
        assert not missing, f"{language}: run `make messages` and translate: {missing}"


def test_translation_functions_are_imported_under_names_makemessages_knows():
    """xgettext finds `_()`, `gettext()`, `gettext_lazy()`…; under another alias a string is never extracted."""
    import re

    alias = re.compile(r"import (?:gettext|gettext_lazy|ngettext|pgettext)(?:_lazy)? as (?!_\b)(\w+)")
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for name in SOURCE_DIRS
        if name not in ("templates", "locale")
        for path in (ROOT / name).rglob("*.py")
        for match in alias.finditer(path.read_text())
    ]
    assert not offenders, offenders

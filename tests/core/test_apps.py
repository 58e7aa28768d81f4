"""Each of our apps runs its own AppConfig: a second AppConfig class in an ``apps.py`` makes Django fall
back to a bare one for that app (no ``ready()``: no strict strings, no registry entries) without a word."""

from django.apps import AppConfig, apps

from api_human.core.apps import CoreConfig

OURS = ("api_human.core", "api_human.scoring", "webhooks", "initiatives", "stages", "tensions")
OURS += ("opportunities", "connections", "dashboards")


def test_every_app_of_ours_runs_its_own_config():
    assert type(apps.get_app_config("core")) is CoreConfig
    bare = [
        config.name for config in apps.get_app_configs() if config.name in OURS and type(config) is AppConfig
    ]
    assert bare == []
    assert {config.name for config in apps.get_app_configs()} >= set(OURS)


def test_the_wsgi_entry_point_loads_the_urls_and_freezes_what_it_loaded():
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import gc, sys, api_human.wsgi; "
        "print(gc.get_freeze_count() > 50000, 'api_human.urls' in sys.modules, 'opportunities.views' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "True", "True"]

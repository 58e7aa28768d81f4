"""The static files app, as INSTALLED_APPS names it (not in ``apps.py``: a second AppConfig there
would stop Django from choosing ``CoreConfig`` for the core app by itself)."""

from django.contrib.staticfiles import apps as staticfiles


class StaticFilesConfig(staticfiles.StaticFilesConfig):
    """``django.contrib.staticfiles`` without the front-end packages' builds the pages never load.

    npm's bootstrap and htmx ship every variant (grid-only, reboot-only, unminified, ES modules…);
    the templates load the minified bundles only. Leaving the rest out of ``collectstatic`` keeps the
    image small and its build short (each collected file is hashed and compressed twice). The patterns
    match paths inside each package's ``dist`` (settings' STATICFILES_DIRS), never another app's."""

    ignore_patterns = [
        *staticfiles.StaticFilesConfig.ignore_patterns,
        "css/bootstrap-grid*",
        "css/bootstrap-reboot*",
        "css/bootstrap-utilities*",
        "css/bootstrap.css*",
        "css/bootstrap.rtl.css*",
        "js/bootstrap.js*",
        "js/bootstrap.min.js*",
        "js/bootstrap.esm*",
        "js/bootstrap.bundle.js*",
        "htmx.js",
        "htmx.amd.js",
        "htmx.cjs.js",
        "htmx.esm.*",
        "htmx.min.js.gz",
        "ext",
    ]

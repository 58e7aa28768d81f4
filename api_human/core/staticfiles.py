"""Where ``collectstatic`` finds our static files (settings' STATICFILES_FINDERS)."""

from django.contrib.staticfiles import finders


class FileSystemFinder(finders.FileSystemFinder):
    """Django's finder of STATICFILES_DIRS, without the front-end packages' builds the pages never load.

    npm's bootstrap and htmx ship every variant (grid-only, reboot-only, unminified, ES modules…); the
    templates load the minified bundles only. Leaving the rest out of ``collectstatic`` keeps the image
    small and its build short (each collected file is hashed and compressed twice). The patterns match
    paths inside each of STATICFILES_DIRS (a package's ``dist``), never an app's files; ``find`` (the
    development server) still finds every file."""

    ignored = (
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
    )

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *self.ignored])

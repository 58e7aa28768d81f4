#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing and we may use apt:
# Debian's chromium (Playwright's browser tests), Pango with a Hebrew/Arabic font (the PDF reports)
# and nginx (the reverse proxy of the production stack, run by tests/integration/test_proxy.py with
# its own configuration; only the binary is used), redis-server (a Redis of the fault tests' own, which
# they stop and restart — never the shared one) and the PostgreSQL client (pg_dump for the backups).
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || packages+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
# /usr/sbin is not on every user's PATH, and that is where Debian puts nginx.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
command -v pg_dump >/dev/null 2>&1 || packages+=(postgresql-client)
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${packages[*]}..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi
echo "Missing Debian packages that cannot be installed here (needs root and apt-get): ${packages[*]}." >&2
echo "Without chromium the browser tests fail under CI and are skipped otherwise; without Pango the PDF report cannot be drawn;" >&2
echo "without nginx the reverse-proxy tests fail under CI and are skipped otherwise." >&2

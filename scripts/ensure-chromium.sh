#!/usr/bin/env bash
# Installs Debian's chromium for the Playwright tests when it is missing and we may use apt.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  exit 0
fi
echo "chromium is not installed and cannot be installed here (needs root and apt-get)." >&2
echo "Install Debian's 'chromium' package; without it the browser tests fail under CI and are skipped otherwise." >&2

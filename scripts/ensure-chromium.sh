#!/usr/bin/env bash
# Installs the Debian packages the tests need when they are missing and we may use apt:
# Debian's chromium (Playwright's browser tests) and Pango with a Hebrew/Arabic font (the PDF reports).
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || packages+=(libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)
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
echo "Without chromium the browser tests fail under CI and are skipped otherwise; without Pango the PDF report cannot be drawn." >&2

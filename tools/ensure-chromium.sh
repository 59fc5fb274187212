#!/usr/bin/env bash
# Makes sure the headless browser of the portal's browser tests is installed: Debian's chromium and chromium-driver
# (/usr/bin/chromium, /usr/bin/chromedriver). Run by the Maven build before the tests; installs the packages with
# apt-get when one is missing and we are root (as on CI and the project's machines; no stdin is needed); otherwise
# says exactly what to install. The browser tests fail, never skip, when the browser is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "Chromium for browser tests present: $(/usr/bin/chromedriver --version 2>/dev/null | head -n1)"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium for browser tests missing: installing Debian packages chromium chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq </dev/null && apt-get install -y -qq --no-install-recommends chromium chromium-driver </dev/null
  dpkg-query -W -f='installed ${Package} ${Version}\n' chromium chromium-driver
  exit 0
fi
echo "Chromium missing: install it with 'sudo apt-get install chromium chromium-driver' (browser tests need it)" >&2
exit 1

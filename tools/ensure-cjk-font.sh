#!/usr/bin/env bash
# Makes sure the CJK font the PDF certificates embed is installed (Debian package fonts-wqy-zenhei).
# Run by the Maven build before the tests; installs the package with apt-get when it is missing and we are root
# (as on CI and the project's machines); otherwise says exactly what to install.
set -euo pipefail
font=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
if [ -f "$font" ]; then
  echo "CJK font for certificates present: $font"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "CJK font for certificates missing: installing Debian package fonts-wqy-zenhei"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq fonts-wqy-zenhei
  dpkg-query -W -f='installed ${Package} ${Version}\n' fonts-wqy-zenhei
  exit 0
fi
echo "CJK font missing: install it with 'sudo apt-get install fonts-wqy-zenhei' (certificates need it)" >&2
exit 1

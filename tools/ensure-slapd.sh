#!/usr/bin/env bash
# Makes sure the OpenLDAP server of the directory identity test is installed: Debian's slapd and ldap-utils
# (/usr/sbin/slapd, /usr/bin/ldapadd). Run by the Maven build before the tests; installs the packages with apt-get when
# one is missing and we are root (as on CI and the project's machines; no stdin is needed: debconf is told to ask
# nothing and slapd's own database is not configured, since identity.LdapDirectoryTest starts a slapd of its own with
# a configuration it writes under target/); otherwise says exactly what to install. The test fails, never skips, when
# slapd is missing.
set -euo pipefail
if [ -x /usr/sbin/slapd ] && [ -x /usr/bin/ldapadd ]; then
  echo "OpenLDAP for the directory test present: $(dpkg-query -W -f='slapd ${Version}' slapd 2>/dev/null || echo slapd)"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "OpenLDAP for the directory test missing: installing Debian packages slapd ldap-utils"
  export DEBIAN_FRONTEND=noninteractive
  # slapd's postinst would create a database for a domain it asks about; omit it (the test brings its own)
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  # nor may the package start the system's slapd: unconfigured, its init script fails, and so would the install
  # (a policy-rc.d of our own, only while installing and only where the machine has none)
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq </dev/null && apt-get install -y -qq --no-install-recommends slapd ldap-utils </dev/null
  dpkg-query -W -f='installed ${Package} ${Version}\n' slapd ldap-utils
  exit 0
fi
echo "OpenLDAP missing: install it with 'sudo apt-get install slapd ldap-utils' (the directory identity test needs it)" >&2
exit 1

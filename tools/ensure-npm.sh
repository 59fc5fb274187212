#!/usr/bin/env bash
# Installs the npm packages pinned in package-lock.json (npm ci) when node_modules does not hold exactly them: the
# build's front-end pieces (Apache ECharts, bundled into the Cockpit plugin and the portal; axe-core for the browser
# tests) and the model lint (bpmnlint, form-js). Run by Maven in generate-resources, so `mvn spring-boot:run` and the
# tests both have them; a second run with an unchanged lock file does nothing. Needs node and npm (every machine).
set -euo pipefail
cd "$(dirname "$0")/.."
marker=node_modules/.installed-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ]; then
  exit 0
fi
npm ci --no-audit --no-fund
echo "$want" > "$marker"

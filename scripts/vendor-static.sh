#!/usr/bin/env bash
# Refreshes the vendored front-end files from the npm registry (versions in package.json).
# The copies are committed: serving the platform needs neither npm nor any CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm install --prefix "$tmp" --no-save --ignore-scripts --no-audit --no-fund \
  "bootstrap@$(node -p "require('./package.json').dependencies.bootstrap")" \
  "htmx.org@$(node -p "require('./package.json').dependencies['htmx.org']")" \
  "dejavu-fonts-ttf@$(node -p "require('./package.json').dependencies['dejavu-fonts-ttf']")" \
  "chart.js@$(node -p "require('./package.json').dependencies['chart.js']")" \
  "axe-core@$(node -p "require('./package.json').devDependencies['axe-core']")"
dest=common/static/vendor
for f in bootstrap.min.css bootstrap.min.css.map bootstrap.rtl.min.css bootstrap.rtl.min.css.map; do
  cp "$tmp/node_modules/bootstrap/dist/css/$f" "$dest/bootstrap/$f"
done
for f in bootstrap.bundle.min.js bootstrap.bundle.min.js.map; do
  cp "$tmp/node_modules/bootstrap/dist/js/$f" "$dest/bootstrap/$f"
done
cp "$tmp/node_modules/bootstrap/LICENSE" "$dest/bootstrap/LICENSE"
cp "$tmp/node_modules/htmx.org/dist/htmx.min.js" "$dest/htmx/htmx.min.js"
cp "$tmp/node_modules/htmx.org/LICENSE" "$dest/htmx/LICENSE"
# PDFs (certificates, letters) embed DejaVu: Latin, Cyrillic and Arabic in one family.
mkdir -p "$dest/dejavu"
for f in DejaVuSans.ttf DejaVuSans-Bold.ttf; do
  cp "$tmp/node_modules/dejavu-fonts-ttf/ttf/$f" "$dest/dejavu/$f"
done
cp "$tmp/node_modules/dejavu-fonts-ttf/LICENSE" "$dest/dejavu/LICENSE"
# the region reports' charts (each also shown as a table)
mkdir -p "$dest/chartjs"
for f in chart.umd.min.js chart.umd.min.js.map; do
  cp "$tmp/node_modules/chart.js/dist/$f" "$dest/chartjs/$f"
done
cp "$tmp/node_modules/chart.js/LICENSE.md" "$dest/chartjs/LICENSE.md"
# axe-core checks accessibility in the browser tests only; it is never served
mkdir -p tests/browser/vendor
cp "$tmp/node_modules/axe-core/axe.min.js" tests/browser/vendor/axe.min.js
cp "$tmp/node_modules/axe-core/LICENSE" tests/browser/vendor/LICENSE-axe-core
echo "vendored into $dest and tests/browser/vendor"

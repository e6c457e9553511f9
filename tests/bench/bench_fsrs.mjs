// The ts-fsrs side of bench_fsrs.sh: replays the reference vectors' review
// sequences PASSES times through ts-fsrs (fuzz off) and prints
// "replayed N reviews in S s: R reviews/s", as swot test-fsrs --repeat does.
// Usage: node bench_fsrs.mjs VECTORS.json PASSES (ts-fsrs on NODE_PATH or
// in a node_modules above the working folder).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'x.js'));
const { fsrs, createEmptyCard, generatorParameters } = require('ts-fsrs');
const [file, passesArg] = process.argv.slice(2);
const passes = Number(passesArg ?? 1);
const v = JSON.parse(readFileSync(file, 'utf8'));
const configs = v.configs.map(c => ({
  f: fsrs(generatorParameters({ ...c.params, enable_fuzz: false })),
  cases: c.cases.map(k => k.reviews.map(r => [new Date(r.t * 1000), r.rating])),
}));
let n = 0, sink = 0;
const t0 = performance.now();
for (let p = 0; p < passes; p++) {
  for (const { f, cases } of configs) {
    for (const reviews of cases) {
      let card = createEmptyCard(reviews[0][0]);
      for (const [at, rating] of reviews) {
        card = f.next(card, at, rating).card;
        n++;
      }
      sink += card.stability;
    }
  }
}
const dt = (performance.now() - t0) / 1000;
if (!Number.isFinite(sink)) process.exitCode = 1;
console.log(`replayed ${n} reviews in ${dt.toFixed(3)} s: ${Math.round(n / dt)} reviews/s`);

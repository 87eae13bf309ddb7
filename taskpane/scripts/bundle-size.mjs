// Reports (and enforces) the gzipped size of the JavaScript that taskpane.html loads before first render:
// its entry script and every chunk it preloads. Lazy chunks (msal-browser) are listed apart.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = join(import.meta.dirname, '..', 'dist');
const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/taskpane\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);

let total = 0;
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`  initial  ${kb(size).padStart(7)} KB gz  ${file}`);
}
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`));
for (const file of lazy) console.log(`  other    ${kb(gz(`assets/${file}`)).padStart(7)} KB gz  assets/${file}`);
console.log(`taskpane.html initial JavaScript: ${kb(total)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB * 1024) {
  console.error('Over budget.');
  process.exit(1);
}

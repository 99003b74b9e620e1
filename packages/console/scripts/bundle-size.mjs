// Prints the gzipped size of the console's JavaScript and fails the build over the budget (issue 16: < 800 KB gzipped).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 800 * 1024;
const dir = path.resolve(import.meta.dirname, '../dist/assets');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
let total = 0;
for (const f of files) {
  const size = gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length;
  total += size;
  console.log(`  ${f}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`console JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (total >= BUDGET) {
  console.error(`the console's JavaScript is over its budget: ${(total / 1024).toFixed(1)} KB >= ${BUDGET / 1024} KB gzipped`);
  process.exit(1);
}

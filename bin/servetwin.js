#!/usr/bin/env node
// The `servetwin` command. The TypeScript sources are compiled to dist/ (npm install runs the
// build through the `prepare` script) because Node 20 cannot run TypeScript directly.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('servetwin: dist/cli/main.js is missing; run `npm install` (or `npm run build`) in the servetwin folder first.\n');
  process.exit(1);
}
await import(entry.href);

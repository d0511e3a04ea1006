#!/usr/bin/env node
// The `servetwin` command: runs the bundled CLI, dist/bundle/servetwin.js. The build (`npm run
// build`; npm install runs it through the `prepare` script) compiles the TypeScript sources with tsc
// and bundles them with esbuild (bundle.mjs), because Node 20 cannot run TypeScript and loads one
// bundle far faster than the ~200 modules it is made of.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bundle/servetwin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('servetwin: dist/bundle/servetwin.js is missing; run `npm install` (or `npm run build`) in the servetwin folder first.\n');
  process.exit(1);
}
await import(entry.href);

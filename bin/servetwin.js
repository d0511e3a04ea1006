#!/usr/bin/env node
// The `servetwin` command: runs the bundled CLI, dist/bundle/servetwin.js. The build (`npm run
// build`; npm install runs it through the `prepare` script) compiles the TypeScript sources with tsc
// and bundles them with esbuild (bundle.mjs), because Node 20 cannot run TypeScript and loads one
// bundle far faster than the ~200 modules it is made of.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bundle/servetwin.js', import.meta.url);
const bundle = fileURLToPath(entry);
const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('servetwin: dist/bundle/servetwin.js is missing; run `npm install` (or `npm run build`) in the servetwin folder first.\n');
  process.exit(1);
}
// tsc rewrites every file of dist/ on each run: a bundle older than its output was not rebuilt
// after the sources changed, and would run the old code.
if (existsSync(compiled) && statSync(compiled).mtimeMs > statSync(bundle).mtimeMs) {
  process.stderr.write('servetwin: dist/bundle/ is older than dist/ (tsc ran without the bundle step); run `npm run build`.\n');
  process.exit(1);
}
await import(entry.href);

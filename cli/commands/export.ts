// `servetwin export <result-or-serving-config> --to <target…>`: the twin's chosen configuration as
// files for Kubernetes, Knative, KServe, Triton or Ray Serve (one pure module per target in export/).
// Every target is built and validated first; nothing is written when any of them has a problem
// (exit 2, naming the file, the path in the document and why). Warnings name the candidate field a
// target cannot express. Without --out the files go to stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../../common/errors.js';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type HpaMetricsSource, type KserveMode } from '../../export/source.js';
import { TARGETS, formatWarning, type TargetExport, type TargetName } from '../../export/target.js';
import { EXPORTERS } from '../../export/targets.js';
import { loadExportSource } from '../export-source.js';
import { action, EXIT_BAD_INPUT } from '../run.js';

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
}

/** `--to a,b --to c` → the target names; an unknown one lists them all. */
export function parseTargets(values: string[]): TargetName[] {
  const names = values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (names.length === 0) throw new InputError(`--to: name a target: ${TARGETS.join(', ')}`, { source: '--to' });
  for (const name of names) {
    if (!(TARGETS as readonly string[]).includes(name)) throw new InputError(`--to: unknown target ${JSON.stringify(name)}; the targets are ${TARGETS.join(', ')}`, { source: '--to', found: name });
  }
  return [...new Set(names)] as TargetName[];
}

function run(args: ExportArgs): number {
  const targets = parseTargets(args.to);
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
  const exports: TargetExport[] = targets.map((target) => EXPORTERS[target](source, options));
  const problems = exports.flatMap((e) => e.problems);
  for (const w of exports.flatMap((e) => e.warnings)) process.stderr.write(`warning: ${formatWarning(w)}\n`);
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`servetwin: ${p.file}: ${p.path}: ${p.message}\n`);
    process.stderr.write(`servetwin: nothing written: ${problems.length} problem(s) in the export\n`);
    return EXIT_BAD_INPUT;
  }
  const files = exports.flatMap((e) => e.files);
  if (!args.out) {
    process.stdout.write(files.map((f) => `# ---- ${f.path}\n${f.content}`).join(''));
    return 0;
  }
  const out = args.out;
  for (const f of files) {
    const target = path.join(out, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  process.stdout.write(`Exported candidate ${source.candidate.name} to ${targets.join(', ')}:\n${files.map((f) => `  ${path.join(out, f.path)}\n`).join('')}`);
  return 0;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export <input>',
  describe: 'Export a result’s recommended candidate (or a serving config) to Kubernetes, Knative, KServe, Triton or Ray Serve.',
  builder: (y: Argv) =>
    y
      .positional('input', { type: 'string', demandOption: true, describe: 'A result (servetwin.result/v1, from simulate --json) or a serving config (servetwin.serving/v1).' })
      .option('to', { type: 'string', array: true, demandOption: true, describe: `Target(s), repeated or comma-separated: ${TARGETS.join(', ')}.` })
      .option('out', { type: 'string', describe: 'Folder to write into (a sub-folder per target); without it the files go to stdout.' })
      .option('candidate', { type: 'string', describe: 'With a result: the candidate to export (default: the recommendation).' })
      .option('profile', { type: 'string', describe: 'Profile whose session memory sizes the pods (default: the result’s own profile, when found).' })
      .option('cpus', { type: 'string', describe: 'Cores per replica, as a candidate’s cpus (1.5, "1500m"); default: what the twin simulated.' })
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
      .example('$0 export result.json --to kubernetes --out deploy/', 'The recommendation as a Deployment, Service, PDB and HPA.')
      .example('$0 export serving.json --to triton,ray-serve', 'Print a config.pbtxt and a Ray Serve config.') as unknown as Argv<ExportArgs>,
  handler: action(run),
};

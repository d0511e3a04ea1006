// `servetwin import <files…>`: an existing deployment (Kubernetes Deployment + HPA, Knative Service,
// KServe InferenceService, Triton config.pbtxt, Ray Serve config) as a scenario candidate, printed
// with where each field came from and which default of the source system applies where the files
// are silent (export/import-deployment.ts). Bad or unknown files exit 2 naming the file, the path in
// the document and why.
import { writeFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import YAML from 'yaml';
import { readInputFile } from '../../common/read-file.js';
import { assertWritable } from '../../config/profile-file.js';
import { importDeployment, type ImportedDeployment } from '../../export/import-deployment.js';
import { action } from '../run.js';

interface ImportArgs {
  files: string[];
  name?: string;
  out?: string;
  json?: string;
}

export const IMPORT_SCHEMA = 'servetwin.import/v1';

/** The candidate as a `candidates:` entry of a scenario. */
export function candidateYaml(imported: ImportedDeployment): string {
  return YAML.stringify([imported.written], { lineWidth: 0 });
}

export function formatImport(imported: ImportedDeployment): string {
  const rows = imported.origins.map((o) => [o.field, typeof o.value === 'object' ? JSON.stringify(o.value) : String(o.value), `${o.kind === 'default' ? 'default: ' : o.kind === 'approximation' ? '≈ ' : ''}${o.from}`]);
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length), i === 0 ? 5 : 5));
  const line = (r: string[]) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`;
  return [
    `Imported a ${imported.target} deployment as candidate ${imported.candidate.name}. Paste under \`candidates:\` in a scenario:`,
    '',
    candidateYaml(imported).trimEnd().replace(/^/gm, '  '),
    '',
    'Where each field came from (default: the source system\'s, the files being silent; ≈ an approximation):',
    line(['field', 'value', 'from']),
    ...rows.map(line),
    ...(imported.notes.length > 0 ? ['', 'Notes:', ...imported.notes.map((n) => `  - ${n}`)] : []),
    '',
  ].join('\n');
}

function run(args: ImportArgs): void {
  for (const [file, flag] of [[args.out, '--out'], [args.json, '--json']] as const) if (file && file !== '-') assertWritable(file, flag);
  const imported = importDeployment(
    args.files.map((file) => ({ file, text: readInputFile(file, 'a deployment file') })),
    args.name,
  );
  const json = `${JSON.stringify({ schema: IMPORT_SCHEMA, target: imported.target, candidate: imported.written, origins: imported.origins, notes: imported.notes }, null, 2)}\n`;
  if (args.json === '-') {
    process.stdout.write(json);
    return;
  }
  process.stdout.write(formatImport(imported));
  if (args.json) writeFileSync(args.json, json);
  if (args.out) {
    writeFileSync(args.out, candidateYaml(imported));
    process.stdout.write(`candidate written to ${args.out}\n`);
  }
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: 'import <files..>',
  describe: 'Turn a running deployment (Kubernetes + HPA, Knative, KServe, Triton, Ray Serve) into a scenario candidate, field by field.',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'The deployment’s files: YAML/JSON manifests (several documents each), a Ray Serve config, a Triton config.pbtxt.' })
      .option('name', { type: 'string', describe: 'Name of the candidate (default: the deployment’s).' })
      .option('out', { type: 'string', describe: 'Write the candidate (a `candidates:` entry, YAML) here.' })
      .option('json', { type: 'string', describe: `Write ${IMPORT_SCHEMA} (candidate, where each field came from, notes) here; - for stdout.` })
      .example('$0 import deploy.yaml hpa.yaml', 'A Deployment and its HPA as a candidate.') as unknown as Argv<ImportArgs>,
  handler: action(run),
};

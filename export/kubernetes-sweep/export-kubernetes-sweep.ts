// `export --to kubernetes-sweep`: a scenario's sweep as Kubernetes objects, so a cluster runs its
// shards on as many nodes as it has (docs/scale-out.md):
//   - a ConfigMap with the scenario and the files it names beside it;
//   - a ReadWriteMany PersistentVolumeClaim the shards write to and the merge reads;
//   - an Indexed Job (completionMode Indexed, completions = shards): pod i runs `servetwin simulate
//     --shard auto`, which takes shard i+1 of SERVETWIN_SHARD_COUNT from JOB_COMPLETION_INDEX;
//   - a merge Job started beside it, since Kubernetes has no Job-after-Job: its container runs
//     `servetwin merge --wait-s`, which waits for every shard's file on the volume (shards are
//     renamed into place whole) and then joins them into sweep.json, or fails at the timeout.
// Each object is built with kubernetes-models and validated against the upstream OpenAPI schema.
import { ConfigMap, PersistentVolumeClaim } from 'kubernetes-models/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { dnsLabel } from '../pod.js';
import { Warnings, type TargetExport, type ValidationProblem } from '../target.js';
import { validateModel } from '../validate-model.js';
import { yamlDocuments, type CommentedDocument } from '../yaml-documents.js';
import type { SweepOptions, SweepSource } from './sweep-source.js';

/** Where the pods find the scenario (a ConfigMap volume) and write their results (the shared volume). */
export const SCENARIO_DIR = '/etc/servetwin-sweep';
export const RESULTS_DIR = '/results';
/** The variables `simulate --shard auto` reads (planner/shard.ts). */
const INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';
const COUNT_VARIABLE = 'SERVETWIN_SHARD_COUNT';
/** The image's user (the Dockerfile's USER): the results volume must be writable by it. */
export const IMAGE_UID = 1000;
/**
 * Memory of a shard pod. A shard of the default scenario (9 candidates × 3 seeds, 120 s at
 * 1200 rps) peaked at 110 MiB resident; the request leaves room, the limit catches a runaway.
 */
export const SHARD_MEMORY = { request: '256Mi', limit: '1Gi' } as const;
/** Kubernetes refuses a ConfigMap over 1 MiB (data and binaryData together). */
export const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** Added to the merge's wait for the merge itself, before the Job's deadline kills it. */
const MERGE_MARGIN_S = 600;

type KubernetesModel = Parameters<typeof validateModel>[0] & { toJSON(): unknown };

export function shardFile(index: number | string): string {
  return `${RESULTS_DIR}/shard-${index}.json`;
}

export function exportKubernetesSweep(source: SweepSource, options: SweepOptions): TargetExport {
  const warnings = new Warnings('kubernetes-sweep');
  const base = dnsLabel(options.name ?? `${source.name}-sweep`);
  const file = `kubernetes-sweep/${base}.yaml`;
  const problems: ValidationProblem[] = [];
  const docs: CommentedDocument[] = [];
  const add = (model: KubernetesModel, comment: string[]) => {
    validateModel(model, file, problems);
    docs.push({ comment, value: model.toJSON() });
  };
  const shards = options.shards;
  const parallelism = Math.min(options.parallelism ?? shards, shards);
  if (shards > source.candidates) {
    warnings.add('shards', `${shards} shards for ${source.candidates} candidate(s): ${shards - source.candidates} pod(s) will simulate nothing; --shards ${source.candidates} does the same work`);
  }
  const labels = (component: string) => ({ 'app.kubernetes.io/name': base, 'app.kubernetes.io/component': component });
  const meta = (name: string, component: string) => ({ name, namespace: options.namespace, labels: labels(component) });
  const configMapName = `${base}-scenario`;
  const claimName = `${base}-results`;

  // ---- the scenario and its files ----
  const keyOf = (p: string) => p.replace(/[^-._a-zA-Z0-9]/g, '_');
  const entries = [{ path: source.scenarioFile, text: source.scenarioText }, ...source.files];
  const data = Object.fromEntries(entries.map((e) => [keyOf(e.path), e.text]));
  if (Object.keys(data).length !== entries.length) {
    problems.push({ file, path: `ConfigMap ${configMapName}: data`, message: `two of the scenario's files map to one key (${entries.map((e) => e.path).join(', ')}); rename one` });
  }
  const bytes = entries.reduce((n, e) => n + Buffer.byteLength(e.text), 0);
  if (bytes > CONFIGMAP_MAX_BYTES) {
    problems.push({ file, path: `ConfigMap ${configMapName}: data`, message: `${bytes} bytes, over Kubernetes' 1 MiB limit for a ConfigMap; build the files into an image FROM servetwin, or put them on a volume` });
  }
  add(new ConfigMap({ metadata: meta(configMapName, 'servetwin-sweep'), data }), [
    `servetwin export of the sweep of ${source.from}: ${source.candidates} candidate(s) × ${source.seeds} seed(s) in ${shards} shard(s).`,
    `The scenario${source.files.length > 0 ? ' and the files it names beside it' : ''}, mounted at ${SCENARIO_DIR}; profiles it names from servetwin's own folder are in the image.`,
  ]);

  // ---- the results volume ----
  add(
    new PersistentVolumeClaim({
      metadata: meta(claimName, 'servetwin-sweep'),
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: options.storageSize } }, ...(options.storageClass ? { storageClassName: options.storageClass } : {}) },
    }),
    [
      `The shards' results, ${RESULTS_DIR}/shard-<index>.json, and the merge's ${RESULTS_DIR}/sweep.json.`,
      'ReadWriteMany: the shard pods run on several nodes at once and write to it, the merge reads it (NFS, CephFS, EFS, Filestore, Azure Files…).',
      `Writable by uid ${IMAGE_UID}, the image's user (fsGroup below; an NFS export may need it set on the server). No ReadWriteMany? See docs/scale-out.md.`,
    ],
  );

  // ---- the shards ----
  const podSecurity = { runAsNonRoot: true, runAsUser: IMAGE_UID, runAsGroup: IMAGE_UID, fsGroup: IMAGE_UID };
  const results = { name: 'results', mountPath: RESULTS_DIR };
  const workers = options.cpus > 1 ? options.cpus : 0;
  const scenarioPath = `${SCENARIO_DIR}/${source.scenarioFile}`;
  add(
    new Job({
      metadata: meta(base, 'servetwin-sweep'),
      spec: {
        completionMode: 'Indexed',
        completions: shards,
        parallelism,
        // A pod lost with its node is retried once, on its own index; a bad input (exit 2) fails the Job at once.
        backoffLimitPerIndex: 1,
        podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'shard', operator: 'In', values: [2] } }] },
        template: {
          metadata: { labels: labels('servetwin-sweep') },
          spec: {
            restartPolicy: 'Never',
            securityContext: podSecurity,
            // node is PID 1 and simulate has no SIGTERM handler, so a stopped shard is killed after this.
            terminationGracePeriodSeconds: 5,
            containers: [
              {
                name: 'shard',
                image: options.image,
                command: ['servetwin'],
                args: ['simulate', scenarioPath, '--shard', 'auto', '--workers', String(workers), '--quiet', '--json', shardFile(`$(${INDEX_VARIABLE})`)],
                env: [
                  // Kubernetes sets it in an Indexed Job's pods; declared as well so $(…) above always expands.
                  { name: INDEX_VARIABLE, valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
                  { name: COUNT_VARIABLE, value: String(shards) },
                ],
                resources: { requests: { cpu: String(options.cpus), memory: SHARD_MEMORY.request }, limits: { cpu: String(options.cpus), memory: SHARD_MEMORY.limit } },
                volumeMounts: [{ name: 'scenario', mountPath: SCENARIO_DIR, readOnly: true }, results],
              },
            ],
            volumes: [
              { name: 'scenario', configMap: { name: configMapName, items: entries.map((e) => ({ key: keyOf(e.path), path: e.path })) } },
              { name: 'results', persistentVolumeClaim: { claimName } },
            ],
          },
        },
      },
    }),
    [
      `${shards} shard(s), ${parallelism} at a time, each on ${options.cpus} core(s): pod i simulates shard i+1 of ${shards} (\`simulate --shard auto\`).`,
      `Each writes ${shardFile('<index>')} whole (written aside, renamed into place).`,
    ],
  );

  // ---- the merge ----
  const files = Array.from({ length: shards }, (_, i) => shardFile(i));
  add(
    new Job({
      metadata: meta(`${base}-merge`, 'servetwin-merge'),
      spec: {
        backoffLimit: 0,
        activeDeadlineSeconds: options.mergeWaitS + MERGE_MARGIN_S,
        template: {
          metadata: { labels: labels('servetwin-merge') },
          spec: {
            restartPolicy: 'Never',
            securityContext: podSecurity,
            containers: [
              {
                name: 'merge',
                image: options.image,
                command: ['servetwin'],
                args: ['merge', '--wait-s', String(options.mergeWaitS), ...files, '--json', `${RESULTS_DIR}/sweep.json`],
                resources: { requests: { cpu: '100m', memory: SHARD_MEMORY.request }, limits: { memory: SHARD_MEMORY.limit } },
                volumeMounts: [results],
              },
            ],
            volumes: [{ name: 'results', persistentVolumeClaim: { claimName } }],
          },
        },
      },
    }),
    [
      'Kubernetes has no Job-after-Job: this Job starts with the shards and its `merge --wait-s` waits for every shard file,',
      `then writes ${RESULTS_DIR}/sweep.json and prints the recommendation (kubectl logs job/${base}-merge).`,
      `It fails if a shard is still missing after ${options.mergeWaitS} s (if the sweep Job failed, delete this one).`,
    ],
  );
  return { target: 'kubernetes-sweep', files: [{ path: file, content: yamlDocuments(docs) }], warnings: warnings.list, problems };
}

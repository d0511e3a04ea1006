// `servetwin serve`: the live engine (engine/engine.ts) over the Open Inference Protocol v2. Builds
// the serving config from --config, the SERVETWIN_* environment (cli/serve-env.ts) and the flags —
// flags over the environment over the file — loads the models, prints the URLs and
// a machine-readable `listening on http://HOST:PORT` line once every model is ready, and drains on
// SIGTERM/SIGINT as engine/engine.ts describes: exit 0 when every accepted request was answered, 1
// when some were still unanswered at shutdown_timeout_ms (they get 503); a second signal exits at once.
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_MODEL } from '../../common/builtin-models.js';
import { resolveModel } from '../../common/model-file.js';
import { InputError, errorMessage } from '../../common/errors.js';
import {
  ServedModelSchema,
  ServerSchema,
  ServingConfigSchema,
  effectiveMaxQueueSize,
  type ServingConfig,
} from '../../config/serving.js';
import { loadServingConfig } from '../../config/serving-file.js';
import { parseConfig } from '../../config/validate.js';
import { Engine } from '../../engine/engine.js';
import { resolveModels, type ModelOverrides } from '../../engine/model-repository.js';
import type { ServedModel } from '../../engine/served-model.js';
import { action, EXIT_FAILURE, EXIT_OK } from '../run.js';
import { schemaFlags, valuesOfFlags, type SchemaFlag } from '../schema-flags.js';
import { CONFIG_VARIABLE, readServeEnvironment, serveEnvironmentVariables } from '../serve-env.js';

interface ServeArgs {
  config?: string;
  model?: string;
  name?: string;
  'model-repository'?: string;
  host?: string;
  port?: number;
  'max-body-bytes'?: number;
  'request-timeout-ms'?: number;
  'drain-delay-ms'?: number;
  'shutdown-timeout-ms'?: number;
  /** The served-model and batching flags (modelFlags), e.g. 'max-batch-size'. */
  [flag: string]: unknown;
}

let flags: SchemaFlag[] | undefined;
/**
 * One flag per field of a served model and of its batching (config/serving.ts), overriding that
 * field of every model: --instances, --max-batch-size, --preferred-batch-sizes 4,8, … . --model and
 * --name are declared by hand: they choose the model (a path relative to here, not to a config).
 */
export function modelFlags(): SchemaFlag[] {
  return (flags ??= schemaFlags(ServedModelSchema.shape, ['name', 'model']));
}

/**
 * The serving config after the config file, the environment and the flags, in that order of
 * precedence, lowest first; exported for tests and the sweep's checks. `fromEnvironment` lists the
 * variables taken (`NAME=value`), for the start-up line.
 */
export function buildServingConfig(args: ServeArgs, env: NodeJS.ProcessEnv = process.env): { config: ServingConfig; overrides: ModelOverrides; fromEnvironment: string[] } {
  const environment = readServeEnvironment(env);
  const configFile = args.config ?? environment.config;
  const base = configFile ? loadConfigFile(configFile, args.config === undefined) : ServingConfigSchema.parse({});
  let models = base.models;
  if (args.model !== undefined || args.name !== undefined) {
    if (models.length > 1) {
      throw new InputError(`--model: the config ${configFile} serves ${models.length} models; --model and --name replace the model of a one-model config only`, {
        source: '--model',
      });
    }
    if (args.model !== undefined) resolveModel(args.model, '--model'); // so a bad one is reported as the flag
    const entry = models[0];
    models = [
      parseConfig(
        ServedModelSchema,
        {
          ...(entry ?? {}),
          model: args.model ?? entry?.model ?? DEFAULT_MODEL,
          name: args.name ?? (args.model === undefined ? entry?.name : undefined),
        },
        '--model/--name',
      ),
    ];
  }
  const repositoryArg = args['model-repository'] ?? environment.modelRepository;
  const repository = repositoryArg !== undefined ? path.resolve(repositoryArg) : base.model_repository;
  if (models.length === 0 && repository === undefined) models = [parseConfig(ServedModelSchema, { model: DEFAULT_MODEL }, 'default model')];
  const server = parseConfig(
    ServerSchema,
    {
      ...base.server,
      ...environment.server,
      ...defined({
        host: args.host,
        port: args.port,
        max_body_bytes: args['max-body-bytes'],
        request_timeout_ms: args['request-timeout-ms'],
        drain_delay_ms: args['drain-delay-ms'],
        shutdown_timeout_ms: args['shutdown-timeout-ms'],
      }),
    },
    'the server settings (the config file, then SERVETWIN_* variables, then the flags --host, --port, --max-body-bytes, --request-timeout-ms, --drain-delay-ms, --shutdown-timeout-ms)',
  );
  // Checked against the schema with each model's own fields, when the models are resolved.
  const overrides = valuesOfFlags(modelFlags(), args) as ModelOverrides;
  return { config: { ...base, models, model_repository: repository, server }, overrides, fromEnvironment: environment.applied };
}

/** The config file; one named by SERVETWIN_CONFIG that cannot be read is reported as the variable. */
function loadConfigFile(file: string, fromEnvironment: boolean): ServingConfig {
  try {
    return loadServingConfig(file);
  } catch (err) {
    if (fromEnvironment && err instanceof InputError && err.message.startsWith('--config:')) {
      throw new InputError(`${CONFIG_VARIABLE}${err.message.slice('--config'.length)}`, { ...err.detail, source: CONFIG_VARIABLE });
    }
    throw err;
  }
}

function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function describeModel(m: ServedModel, url: string): string {
  const c = m.spec.config;
  const tensors = (list: { name: string; datatype: { oip: string }; shape: number[] }[]) =>
    list.map((t) => `${t.name} ${t.datatype.oip} [${t.shape.join(',')}]`).join(', ');
  const inputs = tensors(m.signature.inputs.map((i) => ({ ...i, shape: [-1, ...i.itemDims] })));
  const outputs = tensors(m.signature.outputs);
  const b = c.batching;
  return [
    `  model ${m.name} (version ${m.version}, ${m.spec.file})`,
    `    ${inputs} → ${outputs}`,
    `    batching: max_batch_size ${b.max_batch_size}, max_queue_delay_ms ${b.max_queue_delay_ms}` +
      `${b.preferred_batch_sizes ? `, preferred ${b.preferred_batch_sizes.join('/')}` : ''}, max_queue_size ${effectiveMaxQueueSize(c)}` +
      `${b.queue_timeout_ms !== undefined ? `, queue_timeout_ms ${b.queue_timeout_ms}` : ''}`,
    `    ${c.replicas} replica(s) × ${c.instances} instance(s) × ${c.intra_op_threads} intra-op thread(s)${c.replicas > 1 ? `, router ${c.router}` : ''}; loaded in ${m.loadMs.toFixed(0)} ms`,
    `    infer: POST ${url}/v2/models/${m.name}/infer   metadata: ${url}/v2/models/${m.name}   ready: ${url}/v2/models/${m.name}/ready`,
  ].join('\n');
}

async function run(args: ServeArgs): Promise<number> {
  const { config, overrides, fromEnvironment } = buildServingConfig(args);
  if (fromEnvironment.length > 0) process.stderr.write(`servetwin serve: from the environment: ${fromEnvironment.join(' ')}\n`);
  const specs = resolveModels(config, overrides);
  process.stderr.write(`servetwin serve: loading ${specs.map((s) => s.name).join(', ')}…\n`);
  let engine: Engine;
  try {
    engine = await Engine.start({ models: specs, server: config.server });
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      throw new InputError(`--port/--host: cannot listen on ${config.server.host}:${config.server.port} (${code}: ${errorMessage(err)})`, { source: '--port' });
    }
    throw err;
  }
  const url = engine.url;
  const lines = [
    `servetwin serve ${engine.models.length} model(s):`,
    ...engine.models.map((m) => describeModel(m, url)),
    `  health: ${url}/v2/health/live  ${url}/v2/health/ready   server: ${url}/v2   metrics: ${url}/metrics`,
  ];
  if (config.autoscaler) {
    lines.push(
      `  autoscaler ${config.autoscaler.kind}: noted, not acted on — one serve process is a fixed set of replicas; scale pods with an HPA/KPA (docs/serve.md)`,
    );
  }
  // The signal handlers go in before `listening on` is printed: whoever reads that line may send a
  // SIGTERM at once, and before process.on() the default action would kill the process outright.
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        process.stderr.write(`servetwin serve: ${signal} again, exiting without draining\n`);
        process.exit(EXIT_FAILURE);
      }
      stopping = true;
      process.stderr.write(
        `servetwin serve: ${signal}: readiness 503; serving new connections for drain_delay_ms ${config.server.drain_delay_ms}, then closing the listener and answering what was accepted (a second signal exits at once)…\n`,
      );
      engine.shutdown().then(
        () => {
          process.stderr.write('servetwin serve: drained: every accepted request was answered; stopped\n');
          finish(EXIT_OK);
        },
        (err: unknown) => {
          process.stderr.write(`servetwin serve: shutdown: ${errorMessage(err)}\n`);
          finish(EXIT_FAILURE);
        },
      );
    };
    const finish = (code: number) => {
      resolve(code);
      // Everything is closed; if some handle still lingers, do not hang the pod's termination.
      setTimeout(() => process.exit(code), 2000).unref();
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
  process.stdout.write(`${lines.join('\n')}\nlistening on ${url}\n`);
  return stopped;
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Serve models over the Open Inference Protocol v2 (KServe/Triton REST) with dynamic batching and Prometheus metrics.',
  builder: (y: Argv) =>
    y
      .option('config', { type: 'string', describe: `Serving config (servetwin.serving/v1, JSON or YAML), e.g. the sweep's recommendation (or ${CONFIG_VARIABLE}). The environment and the flags override it.` })
      .option('model', { type: 'string', describe: `Builtin model name or .onnx file to serve (default ${DEFAULT_MODEL} when nothing else names a model).` })
      .option('name', { type: 'string', describe: 'Name to serve --model under (default: the builtin name or the file name).' })
      .option('model-repository', { type: 'string', describe: 'Folder of models: every *.onnx, and every sub-folder with model.onnx (+ config.json).' })
      .option('host', { type: 'string', describe: 'Address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces).' })
      .option('port', { type: 'number', describe: 'Port (default 8000; 0 picks a free one, printed as `listening on http://HOST:PORT`).' })
      .option('max-body-bytes', { type: 'number', describe: 'Largest request body; bigger gets 413 (default 32 MiB).' })
      .option('request-timeout-ms', { type: 'number', describe: 'Time allowed to receive a whole request (default 30000).' })
      .options(Object.fromEntries(modelFlags().map((f) => [f.name, f.option])))
      .group(
        modelFlags().map((f) => f.name),
        'Every served model (overrides --config):',
      )
      .option('drain-delay-ms', { type: 'number', describe: 'On SIGTERM/SIGINT, keep serving new connections this long (readiness 503) before closing the listener (default 5000).' })
      .option('shutdown-timeout-ms', { type: 'number', describe: 'On SIGTERM/SIGINT, answer what is still unanswered this long after the signal with 503 and exit 1 (default 25000).' })
      .example('$0 serve', 'Serve the bundled ppocr-cls on http://127.0.0.1:8000.')
      .example('$0 serve --config recommendation.serving.json', 'Serve what the sweep recommended.')
      .example('$0 serve --port 0 --instances 2 --max-batch-size 32 --max-queue-delay-ms 2', 'Free port, two instances, batches up to 32.')
      .example('$0 serve --model-repository ./models', 'Serve every model in a folder, each with its own batcher.')
      .epilogue(
        `Environment (a container's settings; an empty variable is unset): ${serveEnvironmentVariables()
          .map((v) => v.name)
          .join(', ')}. Each sets the flag or the server field it is named after. Precedence: flags over the environment over the config file (docs/serve.md).`,
      ) as unknown as Argv<ServeArgs>,
  handler: action(run),
};

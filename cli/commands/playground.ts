// `servetwin playground`: the browser playground (playground/, bundled by bundle.mjs into
// dist/playground/) served on loopback — its own three files and nothing else: any other path is a
// 404 — or, with --export DIR, written to a folder for any static web host (or to open from disk).
// --scenario and --profile are checked here as `simulate` checks them (bad input exits 2) and put
// inside the page, which opens them as it opens a dropped file.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { projectRoot } from '../../common/servetwin-files.js';
import { readInputFile } from '../../common/read-file.js';
import { InputError, errorMessage } from '../../common/errors.js';
import { loadProfile } from '../../config/profile-file.js';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { action, checkInteger, EXIT_FAILURE } from '../run.js';

interface PlaygroundArgs {
  port: number;
  host: string;
  scenario?: string;
  profile?: string;
  export?: string;
}

/** The page's files as bundle.mjs writes them, with their content types. */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
  'playground.js': 'text/javascript; charset=utf-8',
};

/** Where the start data goes in index.html (the page reads it as JSON). */
const START_SLOT = '<script id="servetwin-start" type="application/json">null</script>';

/**
 * Nothing but the page's own files and a worker from a blob URL: a served page cannot fetch from,
 * nor load code from, anywhere else.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; worker-src blob:; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** What the page opens on start: the scenario (its YAML text) and the profile files it names or --profile gives. */
export interface StartData {
  scenario?: { name: string; text: string };
  profiles?: { name: string; text: string }[];
  profile?: string;
}

export function startData(scenarioFile: string | undefined, profileFile: string | undefined): StartData {
  const data: StartData = {};
  if (scenarioFile) {
    // Loaded as `simulate` loads it: a bad scenario, or a profile it names that is missing, exits 2 here.
    const loaded = loadScenario(scenarioFile);
    data.scenario = { name: path.basename(scenarioFile), text: readInputFile(scenarioFile, 'a scenario YAML file') };
    if ('file' in loaded.scenario.profile) data.profiles = [{ name: loaded.scenario.profile.file, text: JSON.stringify(loaded.profile) }];
  }
  if (profileFile) {
    const name = path.basename(profileFile);
    data.profiles = [...(data.profiles ?? []), { name, text: JSON.stringify(loadProfile(profileFile)) }];
    data.profile = name;
  }
  return data;
}

/** The page's files from dist/playground/, index.html carrying the start data. */
export function pageFiles(start: StartData): Map<string, Buffer> {
  const dir = path.join(projectRoot(), 'dist', 'playground');
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(FILES)) {
    const file = path.join(dir, name);
    if (!existsSync(file)) throw new Error(`${file} is missing: build the playground with \`npm run build\` in ${projectRoot()}`);
    files.set(name, readFileSync(file));
  }
  const index = files.get('index.html')!.toString('utf8');
  if (!index.includes(START_SLOT)) throw new Error(`${path.join(dir, 'index.html')} has no start slot; rebuild it with \`npm run build\``);
  // `<` escaped, so no text inside the JSON can close the script element.
  const json = JSON.stringify(start).replace(/</g, '\\u003c');
  files.set('index.html', Buffer.from(index.replace(START_SLOT, START_SLOT.replace('null', json))));
  return files;
}

function exportTo(dir: string, files: Map<string, Buffer>): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, body] of files) writeFileSync(path.join(dir, name), body);
  } catch (err) {
    throw new InputError(`--export: cannot write the playground to ${dir} (${errorMessage(err)})`, { source: '--export', found: dir });
  }
  process.stdout.write(
    `servetwin playground: wrote ${[...files.keys()].map((f) => path.join(dir, f)).join(', ')}\n` +
      `Serve ${dir} with any static web server, or open ${path.join(dir, 'index.html')} from disk: it needs no network.\n`,
  );
}

/** Answers GET and HEAD for the page's own files; every other path is a 404, every other method a 405. */
function handler(files: Map<string, Buffer>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    // The path exactly as sent, without its query: only the page's own names match, nothing is resolved.
    const pathname = (req.url ?? '/').split('?')[0]!;
    const name = pathname === '/' ? 'index.html' : pathname.slice(1);
    const body = files.get(name);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    if (body === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': FILES[name]!,
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      // Cross-origin isolation lets the page share memory with its worker, to cancel a run without ending the worker.
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

async function serve(files: Map<string, Buffer>, host: string, port: number): Promise<number> {
  const server = createServer(handler(files));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(`servetwin playground: cannot listen on ${host}:${port} (${code === 'EADDRINUSE' ? 'the port is in use; pick another with --port' : errorMessage(err)})\n`);
    return EXIT_FAILURE;
  }
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  process.stdout.write(`servetwin playground: http://${shown}:${bound}/ (Ctrl-C stops it)\n`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') process.stdout.write(`(bound to ${host}: other machines can reach it)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

export const playgroundCommand: CommandModule<object, PlaygroundArgs> = {
  command: 'playground',
  describe: 'Serve the browser playground (the simulator in a Web Worker, levers and live charts) on loopback, or export it as static files.',
  builder: (y: Argv) =>
    y
      .option('port', { type: 'number', default: 8080, describe: 'Port to listen on (0: any free one).' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind; loopback unless you mean to share it.' })
      .option('scenario', { type: 'string', describe: 'Open the page on this scenario (YAML), checked as `simulate` checks it.' })
      .option('profile', { type: 'string', describe: 'Open the page with this latency profile (servetwin.profile/v2 or v1) instead of the scenario’s.' })
      .option('export', { type: 'string', describe: 'Write the page to this folder (for any static web server, or to open from disk) instead of serving it.' })
      .example('$0 playground', 'Serve it on http://127.0.0.1:8080/.')
      .example('$0 playground --scenario scenarios/bursty-mmpp.yaml --export site/', 'A static copy that opens on the bursty scenario.') as unknown as Argv<PlaygroundArgs>,
  handler: action(async (args: PlaygroundArgs) => {
    const port = checkInteger(args.port, '--port', 0);
    if (port > 65535) throw new InputError(`--port: expected a port number up to 65535, got ${port}`, { source: '--port' });
    const files = pageFiles(startData(args.scenario, args.profile));
    if (args.export !== undefined) {
      exportTo(args.export, files);
      return;
    }
    return serve(files, args.host, port);
  }),
};

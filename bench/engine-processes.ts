// The processes of the engine bench (bench/engine.ts), each started under a launch prefix
// (`taskset -c LIST` from cli/cpu-pinning.ts in the pinned mode, nothing unpinned): `servetwin serve`
// as a user runs it, and the two helpers that answer requests over IPC — the ceiling
// (bench/engine-ceiling.ts) and the load generator (bench/engine-client.ts). With taskset the
// prefix execs node, so a child's pid is the engine's or helper's own, which /proc needs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../common/servetwin-files.js';

const ROOT = projectRoot();

/** Starts `argv` under `prefix` (may be empty). */
function launch(prefix: readonly string[], argv: string[], stdio: Parameters<typeof spawn>[2]['stdio']): ChildProcess {
  const [command, ...args] = [...prefix, ...argv];
  return spawn(command!, args, { stdio });
}

/** A helper process that answers one IPC message with one message. */
export class Helper<Request, Result> {
  private constructor(private readonly proc: ChildProcess) {}

  /** Starts dist/bench/`script` with `init` as its argument and waits for its 'ready'. */
  static async start<Request, Result>(script: string, init: unknown, prefix: readonly string[]): Promise<Helper<Request, Result>> {
    const proc = launch(prefix, [process.execPath, path.join(ROOT, 'dist', 'bench', script), JSON.stringify(init)], ['ignore', 'inherit', 'inherit', 'ipc']);
    await new Promise<void>((resolve, reject) => {
      proc.once('message', () => resolve());
      proc.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
    });
    return new Helper(proc);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  ask(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`bench helper exited (${code}) while measuring`));
      this.proc.once('exit', onExit);
      this.proc.once('message', (msg: Result | { error: string }) => {
        this.proc.off('exit', onExit);
        if (typeof msg === 'object' && msg !== null && 'error' in msg) reject(new Error(msg.error));
        else resolve(msg as Result);
      });
      this.proc.send(request as object);
    });
  }

  close(): Promise<void> {
    if (this.proc.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.send('close');
    });
  }
}

/** `servetwin serve` on the bundled classifier, as a user runs it. */
export class Server {
  private constructor(
    readonly url: string,
    private readonly proc: ChildProcess,
  ) {}

  /** Starts `servetwin serve` of the checkout at `root` (this one by default). */
  static async start(args: string[], prefix: readonly string[], root = ROOT): Promise<Server> {
    const proc = launch(prefix, [process.execPath, path.join(root, 'bin', 'servetwin.js'), 'serve', '--port', '0', '--drain-delay-ms', '0', ...args], ['ignore', 'pipe', 'pipe']);
    let stdout = '';
    let stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      proc.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening: ${stderr}`)));
    });
    return new Server(url, proc);
  }

  get pid(): number {
    return this.proc.pid!;
  }

  get inferUrl(): string {
    return `${this.url}/v2/models/ppocr-cls/infer`;
  }

  stop(): Promise<void> {
    if (this.proc.exitCode !== null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }
}

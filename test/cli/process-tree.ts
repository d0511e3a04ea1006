// Looking at a running CLI from outside, as `ps` and `taskset -p` would: its child processes
// (/proc/PID/stat's parent field), their command lines, and the cores each thread may run on
// (/proc/PID/task/TID/status Cpus_allowed_list). Linux only. Used by the replay pinning tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export function childrenOf(pid: number): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push({ pid: Number(entry), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Cpus_allowed_list of every thread of `pid`, e.g. ["1", "1", "1"]. */
export function threadAffinities(pid: number): string[] {
  const out: string[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const m = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'));
      if (m) out.push(m[1]!);
    }
  } catch {
    // gone meanwhile
  }
  return out;
}

export interface Watched {
  status: number | null;
  stdout: string;
  stderr: string;
  /** What `look` returned each time it was called while the CLI ran. */
  seen: unknown[];
}

/** Runs the CLI and calls `look(pid)` every 100 ms while it runs. */
export function runWatched(args: string[], look: (pid: number) => unknown, env: NodeJS.ProcessEnv = process.env): Promise<Watched> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, ['bin/servetwin.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const seen: unknown[] = [];
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(() => seen.push(look(child.pid!)), 100);
    const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('exit', (status) => {
      clearInterval(timer);
      clearTimeout(kill);
      resolve({ status, stdout, stderr, seen });
    });
  });
}

// Other people's work on a shared machine is noise here: before each replay the bench can wait (up
// to FIDELITY_WAIT_QUIET_S) for the CPUs to be mostly idle, and says how idle they were.
import { readFileSync } from 'node:fs';

/** Share of CPU time idle over `ms` (Linux /proc/stat; NaN elsewhere). */
export async function idleFraction(ms = 1000): Promise<number> {
  const read = () => {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      return { idle: f[3]! + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  return a && b && b.total > a.total ? (b.idle - a.idle) / (b.total - a.total) : Number.NaN;
}

/** Waits up to `waitS` seconds for the CPUs to be at least 85 % idle; returns the idle share seen last (NaN when not waiting). */
export async function waitForQuiet(waitS: number): Promise<number> {
  if (!(waitS > 0)) return Number.NaN;
  const until = Date.now() + waitS * 1000;
  let idle = await idleFraction();
  while (!(idle >= 0.85) && Date.now() < until) idle = await idleFraction();
  return idle;
}

// The figure's knobs, from the environment (all optional): FIDELITY_REPEATS (replays per scenario
// and per knee probe, default 3), FIDELITY_DURATION_S (seconds per replay, default 20),
// FIDELITY_WAIT_QUIET_S (wait up to this long before each replay for the CPUs to be ≥ 85 % idle,
// default 0), FIDELITY_CALIBRATION_S (seconds of the overhead calibration's low-load replay,
// default 20), FIDELITY_KNEE_PROBES (grid points replayed per mode at most, default 8),
// FIDELITY_MODES (pinned,unpinned by default), FIDELITY_OUT (where profiles, scenarios and the JSON
// go, default out/fidelity), FIDELITY_WRITE_README=1 (replace README.md's table),
// FIDELITY_RENDER_FROM=FILE (print — and with FIDELITY_WRITE_README, write — the table of a stored
// run, e.g. out/fidelity/fidelity.json, without measuring anything).

export interface FidelitySettings {
  repeats: number;
  durationS: number;
  warmupS: number;
  waitQuietS: number;
  calibrationS: number;
  kneeProbes: number;
  modes: string[];
  outDir: string;
  writeReadme: boolean;
  /** A stored run (fidelity.json) to render instead of measuring; null: measure. */
  renderFrom: string | null;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, integer = false): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!(Number.isFinite(value) && value >= min && (!integer || Number.isInteger(value)))) {
    throw new Error(`${name}: expected ${integer ? 'an integer' : 'a number'} of at least ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function fidelitySettings(env: NodeJS.ProcessEnv = process.env): FidelitySettings {
  const durationS = numberFrom(env, 'FIDELITY_DURATION_S', 20, 2);
  const modes = (env.FIDELITY_MODES ?? 'pinned,unpinned').split(',').map((m) => m.trim()).filter(Boolean);
  const unknown = modes.filter((m) => m !== 'pinned' && m !== 'unpinned');
  if (unknown.length > 0 || modes.length === 0) throw new Error(`FIDELITY_MODES: expected pinned, unpinned or both (comma-separated), got ${JSON.stringify(env.FIDELITY_MODES)}`);
  return {
    repeats: numberFrom(env, 'FIDELITY_REPEATS', 3, 1, true),
    durationS,
    warmupS: Math.min(4, durationS / 4),
    waitQuietS: numberFrom(env, 'FIDELITY_WAIT_QUIET_S', 0, 0),
    calibrationS: numberFrom(env, 'FIDELITY_CALIBRATION_S', 20, 2),
    kneeProbes: numberFrom(env, 'FIDELITY_KNEE_PROBES', 8, 1, true),
    modes,
    outDir: env.FIDELITY_OUT ?? 'out/fidelity',
    writeReadme: env.FIDELITY_WRITE_README === '1',
    renderFrom: env.FIDELITY_RENDER_FROM || null,
  };
}

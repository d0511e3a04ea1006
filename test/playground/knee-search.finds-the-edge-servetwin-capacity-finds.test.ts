// The explain view's knee by simulation is `servetwin capacity`'s own search, run in the worker:
// on the scenario the levers make it finds the same level — the highest load multiplier at which
// the SLO holds — as the CLI does, with the same bounds and tolerance, and it reports every level
// it tried with the load that level offered.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';
import { DEFAULT_TOLERANCE, LOAD_BOUNDS } from '../../planner/capacity.js';
import { checkSettings } from '../../playground/check-settings.js';
import { scenarioYaml } from '../../playground/scenario-yaml.js';
import { DEFAULT_SETTINGS, type Settings } from '../../playground/settings.js';
import { KNEE_BOUNDS, KNEE_TOLERANCE, searchKnee } from '../../playground/worker/knee-search.js';
import type { Probe } from '../../playground/worker/messages.js';
import { servetwin } from './browser.js';

const root = path.resolve(import.meta.dirname, '../..');
const profile = loadProfile(path.join(root, 'calibration/profiles/ppocr-cls.cpu-2core.json'));

describe('the knee search', () => {
  it('uses servetwin capacity’s bounds and tolerance', () => {
    expect(KNEE_BOUNDS).toEqual(LOAD_BOUNDS);
    expect(KNEE_TOLERANCE).toBe(DEFAULT_TOLERANCE);
  });

  it('finds the level servetwin capacity finds, reporting each level it tried', async () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, duration_s: 60, warmup_s: 5, rate_rps: 300 };
    const { input } = checkSettings(settings);
    const probes: Probe[] = [];
    const outcome = await searchKnee({ scenario: input, profile }, (p) => probes.push(p));
    expect(outcome.status).toBe('found');
    expect(probes.map((p) => p.level).sort((a, b) => a - b)).toEqual(outcome.tried.map((t) => t.level));
    const at = probes.find((p) => p.level === outcome.sustainable)!;
    expect(at.slo_met).toBe(true);
    expect(at.offered_rps / 300).toBeCloseTo(outcome.sustainable!, 1);
    const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-knee-'));
    const file = path.join(dir, 'knee.yaml');
    writeFileSync(file, scenarioYaml(settings));
    const run = servetwin('capacity', file, '--json', path.join(dir, 'capacity.json'), '--workers', '0');
    expect(run.code, run.stderr).toBe(0);
    const cli = (JSON.parse(readFileSync(path.join(dir, 'capacity.json'), 'utf8')) as { candidates: { level: number; status: string }[] }).candidates[0]!;
    expect(cli.status).toBe(outcome.status);
    expect(cli.level).toBe(Number(outcome.sustainable!.toPrecision(6)));
  });
});

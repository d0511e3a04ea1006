// Scenario fields for autoscaling and edge vs cloud: each mistake names the file and the field
// (an edge_only placement without an edge section, an outage naming no site, a profile and a
// speed_factor at once, a bad autoscaler setting, duplicate site names, an edge profile file that
// is not there), and a valid edge profile file is loaded relative to the scenario's folder.
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../simulator/scenario/load-scenario.js';
import { simulate } from '../../simulator/simulate.js';
import { InputError } from '../../common/errors.js';

const HEAD = `schema: servetwin.scenario/v1
name: t
duration_s: 20
profile: { kind: exponential, mean_ms: 10 }
traffic:
  arrivals: { kind: poisson, rate_rps: 20 }
slo: { latency_ms: 250 }
`;

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-placement-'));
function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function messageOf(text: string): string {
  const file = write('s.yaml', text);
  try {
    loadScenario(file);
  } catch (err) {
    if (err instanceof InputError) return err.message.replace(file, 'FILE');
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('scenario fields for autoscaling, sites and placement', () => {
  it('name the field of each mistake', () => {
    expect(messageOf(`${HEAD}candidates:\n  - { name: a, placement: edge_only, batching: { max_batch_size: 1 } }\n`)).toBe(
      'FILE: candidates[0].edge: edge_only and hybrid placements need an `edge` section',
    );
    expect(
      messageOf(
        `${HEAD}sites: [{ name: city }]\ncandidates:\n  - { name: a, placement: hybrid, batching: { max_batch_size: 1 }, edge: { outages: [{ at_s: 1, duration_s: 2, sites: [town] }] } }\n`,
      ),
    ).toBe('FILE: candidates[0].edge.outages[0].sites[0]: expected the name of a site ("city"), got "town"');
    expect(
      messageOf(`${HEAD}candidates:\n  - { name: a, placement: hybrid, batching: { max_batch_size: 1 }, edge: { speed_factor: 0.5, profile: { kind: deterministic, mean_ms: 3 } } }\n`),
    ).toBe('FILE: candidates[0].edge.speed_factor: give either profile or speed_factor, not both');
    expect(messageOf(`${HEAD}candidates:\n  - { name: a, batching: { max_batch_size: 1 }, autoscaler: { kind: kpa, target: -2 } }\n`)).toBe(
      'FILE: candidates[0].autoscaler.target: expected a positive number, got -2',
    );
    expect(messageOf(`${HEAD}candidates:\n  - { name: a, batching: { max_batch_size: 1 }, provisioning: { kind: uniform, min_s: 5, max_s: 1 } }\n`)).toBe(
      'FILE: candidates[0].provisioning.max_s: max_s must be >= min_s',
    );
    expect(messageOf(`${HEAD}sites: [{ name: x }, { name: x }]\ncandidates:\n  - { name: a, batching: { max_batch_size: 1 } }\n`)).toBe('FILE: sites: site names must be unique');
    expect(
      messageOf(`${HEAD}candidates:\n  - { name: a, placement: edge_only, batching: { max_batch_size: 1 }, edge: { profile: { file: no-such-device.json } } }\n`),
    ).toMatch(/^FILE: candidates\[0\]\.edge\.profile\.file: expected a profile file, but "no-such-device\.json" was found neither in /);
  });

  it('loads an edge profile file next to the scenario and serves the edge with it', () => {
    copyFileSync(path.resolve(import.meta.dirname, '../../calibration/profiles/ppocr-cls.cpu-2core.json'), path.join(dir, 'device.json'));
    const file = write(
      'edge.yaml',
      `${HEAD}candidates:\n  - { name: a, placement: edge_only, batching: { max_batch_size: 1 }, edge: { profile: { file: device.json } } }\n`,
    );
    const loaded = loadScenario(file);
    expect(Object.keys(loaded.profiles ?? {})).toEqual(['device.json']);
    const c = simulate(loaded).candidates[0]!;
    // The bundled classifier takes about 1.9 ms at batch 1 (the scenario's own profile: 10 ms).
    expect(c.compute_ms.mean).toBeGreaterThan(1);
    expect(c.compute_ms.mean).toBeLessThan(3);
  });
});

// The page prices a run as `servetwin simulate` does — the same function (planner/cost.ts
// priceCandidate), each tier at its own price: edge devices at the edge's, the cloud at the
// scenario's; spot at its discount; serverless per request and GB-second. Checked against the CLI
// itself on the scenario the levers make, for each pricing and placement.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../config/profile-file.js';
import { priceCandidate } from '../../planner/cost.js';
import { checkSettings } from '../../playground/check-settings.js';
import { scenarioYaml } from '../../playground/scenario-yaml.js';
import { DEFAULT_SETTINGS, type Settings } from '../../playground/settings.js';
import { runJob } from '../../playground/worker/run-job.js';
import { servetwin } from './browser.js';

const root = path.resolve(import.meta.dirname, '../..');
const profile = loadProfile(path.join(root, 'calibration/profiles/ppocr-cls.cpu-2core.json'));
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-prices-'));

const CASES: [string, Partial<Settings>][] = [
  ['hybrid, edge devices priced', { placement: 'hybrid', edge_sites: 4, edge_replicas: 1, edge_per_hour_usd: 0.02, edge_rtt_ms: 3, cloud_rtt_ms: 40, request_bytes_per_item: 110_592, egress_per_gb_usd: 0.09, response_bytes_per_item: 4096 }],
  ['spot', { capacity: 'spot', spot_discount: 0.6, replicas: 3 }],
  ['serverless', { pricing: 'serverless', per_million_requests_usd: 0.2, per_gb_second_usd: 0.0000166667, memory_gb: 2 }],
  ['an autoscaler', { autoscaler: 'kpa', kpa_target: 2, max_replicas: 6, provisioning: 'deterministic', provisioning_s: 5 }],
];

describe('prices', () => {
  for (const [name, patch] of CASES) {
    it(`prices ${name} as simulate does`, () => {
      const settings: Settings = { ...DEFAULT_SETTINGS, duration_s: 120, rate_rps: 300, ...patch };
      const { input, scenario } = checkSettings(settings);
      expect(scenario, name).not.toBeNull();
      const page = priceCandidate(scenario!.candidates[0]!, runJob({ scenario: input, profile, watch: false }).result.candidates[0]!, scenario!);
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, scenarioYaml(settings));
      const json = `${file}.json`;
      const run = servetwin('simulate', file, '--json', json);
      expect(run.stderr).toBe('');
      const cli = (JSON.parse(readFileSync(json, 'utf8')) as { candidates: { cost: { per_hour_usd: number; run_usd: number } }[] }).candidates[0]!.cost;
      expect(page.per_hour_usd).toBe(cli.per_hour_usd);
      expect(page.run_usd).toBe(cli.run_usd);
      expect(page.per_hour_usd).toBeGreaterThan(0);
    });
  }
});

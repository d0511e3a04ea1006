// `servetwin explain` as a user meets it, through the built command in its own process: the text
// with every section, servetwin.explain/v1 with --json (valid against its schema, and the same
// bytes whether it simulates or reads the result `simulate --json` wrote), a replay's fidelity
// report (read tolerantly: a later version's extra fields, figures it could not measure as null)
// as the measured column, the HTML report with the explanation as a section, and exit 2 with one
// sentence for an unknown candidate (listing the names) or a file that is not a fidelity report.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explanationSchemas } from '../../config/explain.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-explain-cli-'));

function servetwin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/servetwin.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scenario = path.join(dir, 'md1.yaml');
writeFileSync(scenario, readFileSync(path.join(root, 'scenarios/md1.yaml'), 'utf8').replace('duration_s: 20000', 'duration_s: 3000').replace('warmup_s: 1000', 'warmup_s: 100'));

describe('servetwin explain', () => {
  it('prints every section, with the formula and the simulation side by side', () => {
    const r = servetwin('explain', scenario);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const title of ['1. Load and stations', '2. Closed forms beside the simulation', '3. Batching', "4. Little's law", '5. Latency budget', '6. Cost', '7. Why']) expect(r.stdout).toContain(title);
    expect(r.stdout).toMatch(/Pollaczek–Khinchine \(M\/G\/1\)\s+–\s+200\s+300/); // ρ = 0.8, D = 100 ms: Wq = 200 ms
    expect(r.stdout).toMatch(/formula\s+Q+F+\s+300 ms/);
  });

  it('exits 2 naming the candidates when --candidate names none of them', () => {
    const r = servetwin('explain', scenario, '--candidate', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('servetwin: --candidate: expected one of "single-server", got "nope"\n');
  });

  it('--json writes servetwin.explain/v1, the same bytes from a stored result', () => {
    const direct = servetwin('explain', scenario, '--json=-');
    expect(direct.code).toBe(0);
    const e = explanationSchemas().Explanation.parse(JSON.parse(direct.stdout));
    expect(e.schema).toBe('servetwin.explain/v1');
    const result = path.join(dir, 'result.json');
    expect(servetwin('simulate', scenario, '--json', result).code).toBe(0);
    const stored = servetwin('explain', scenario, '--result', result, '--json=-');
    expect(stored.stdout).toBe(direct.stdout);
  });

  it('--fidelity fills the measured column from a replay report, read tolerantly', () => {
    const fidelity = path.join(dir, 'fidelity.json');
    writeFileSync(
      fidelity,
      JSON.stringify({
        schema: 'servetwin.fidelity/v2',
        scenario: { name: 'md1', file: 'md1.yaml', seed: 1 },
        candidate: { name: 'single-server', replicas: 1 },
        placement: { engines: 'pinned' },
        valid_for_fidelity: true,
        predicted: {},
        measured: { latency_ms: { mean: 312, p50: 250, p90: 600, p99: 900 }, throughput_rps: 8, mean_batch_size: null, drop_rate: 0, queue_ms: 207, compute_ms: 101 },
        breakdown: { measured: { client: 1.5, http_thread: 2, queue: 207, instance: 101, http_thread_busy: 0.05 }, timed_requests: 100 },
        a_field_from_later: [1, 2, 3],
      }),
    );
    const r = servetwin('explain', scenario, '--fidelity', fidelity, '--json=-');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout).candidates[0];
    expect(c.fidelity).toBe(fidelity);
    expect(c.pools[0].closed_forms.wait_ms.measured).toBe(207);
    expect(c.pools[0].closed_forms.sojourn_ms.measured).toBe(308);
    expect(c.pools[0].batching.mean_batch_items.measured).toBeNull();
    expect(c.latency_budget.total_ms.measured).toBe(312);
    const text = servetwin('explain', scenario, '--fidelity', fidelity);
    expect(text.stdout).toMatch(/measured \(replay\)\s+–\s+207\s+308/);

    const notFidelity = servetwin('explain', scenario, '--fidelity', path.join(dir, 'result.json'));
    expect(notFidelity.code).toBe(2);
    expect(notFidelity.stderr).toMatch(/result\.json: expected a servetwin\.fidelity report \(from `servetwin replay --json`\), but its schema is "servetwin\.result\/v1"/);
  });

  it('--report writes the HTML report with the explanation as a section', () => {
    const out = path.join(dir, 'report');
    const r = servetwin('explain', scenario, '--report', out);
    expect(r.code).toBe(0);
    const html = readFileSync(path.join(out, 'report.html'), 'utf8');
    expect(html).toContain('<h2>Explanation: the formulas beside the simulation</h2>');
    expect(html).toContain('class="seg"');
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('## servetwin explain: md1');
  });
});

// `servetwin report` end to end through the compiled CLI (dist/, built by `npm test` first):
// report.html and report.md (or one of them, and PNGs with --png) from a hand-made result and from
// the results stored by earlier versions (test/regression/fixtures), and exit 2 with one sentence
// naming the file for a missing file, non-JSON, another schema or a result missing a field.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweep } from './fixture.js';

const root = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-report-cli-'));

function servetwin(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/servetwin.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const good = path.join(dir, 'result.json');
writeFileSync(good, JSON.stringify(sweep(['small', 'medium', 'large'], 'medium', ['small', 'medium'])));

describe('servetwin report', () => {
  it('writes report.html and report.md, and names the recommendation', () => {
    const out = path.join(dir, 'both');
    const r = servetwin('report', good, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recommended: medium/);
    expect(readdirSync(out).sort()).toEqual(['report.html', 'report.md']);
    expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/^<!DOCTYPE html>[\s\S]*Recommended: medium[\s\S]*<svg/);
    expect(readFileSync(path.join(out, 'report.md'), 'utf8')).toMatch(/^## servetwin report: fixture/);
  });

  it('--format md writes only the Markdown; --png adds one PNG per chart', () => {
    const md = path.join(dir, 'md');
    expect(servetwin('report', good, '--out', md, '--format', 'md').code).toBe(0);
    expect(readdirSync(md)).toEqual(['report.md']);
    const png = path.join(dir, 'png');
    expect(servetwin('report', good, '--out', png, '--format', 'html', '--png').code).toBe(0);
    const files = readdirSync(png);
    expect(files).toContain('report.html');
    expect(files).toContain('chart-cost-latency.png');
    expect(files.filter((f) => f.endsWith('.png')).length).toBe((readFileSync(path.join(png, 'report.html'), 'utf8').match(/<figure/g) ?? []).length);
    expect(readFileSync(path.join(png, 'chart-latency-percentiles.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  const stored = path.join(root, 'test/regression/fixtures');
  it.each(readdirSync(stored).filter((f) => f.endsWith('.json')))('renders the stored %s, one table row per candidate', (name) => {
    const file = path.join(stored, name);
    const result = JSON.parse(readFileSync(file, 'utf8')) as { scenario: { name: string }; candidates: { name: string }[] };
    const out = path.join(dir, `stored-${name}`);
    const r = servetwin('report', file, '--out', out, '--format', name.includes('9ce6d57') ? 'both' : 'md');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).toMatch(new RegExp(`^## servetwin report: ${result.scenario.name}\n`));
    const mdName = (n: string) => n.replace(/[[\]]/g, (c) => `\\${c}`);
    for (const c of result.candidates) expect(md.split('\n').filter((line) => line.includes(`| ${mdName(c.name)} |`)), c.name).toHaveLength(1);
    if (name.includes('9ce6d57')) expect(readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/<svg/);
  });

  const bad = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const broken = JSON.parse(readFileSync(good, 'utf8'));
  delete broken.candidates[1].latency_ms;

  it.each([
    ['a missing file', () => path.join(dir, 'nope.json'), /nope\.json: expected a servetwin\.result\/v1 JSON file, but it cannot be read \(no such file\)/],
    ['a file that is not JSON', () => bad('text.json', 'hello'), /text\.json: expected a servetwin\.result\/v1 JSON file, but it is not valid JSON/],
    ['another schema', () => bad('profile.json', '{"schema":"servetwin.profile/v1"}'), /profile\.json: expected a servetwin\.result\/v1 result .*, but its schema is "servetwin\.profile\/v1"/],
    ['no schema at all', () => bad('array.json', '[1,2]'), /array\.json: expected a servetwin\.result\/v1 result .*, but its schema is nothing/],
    ['a result missing a field', () => bad('broken.json', JSON.stringify(broken)), /broken\.json: candidates\[1\]\.latency_ms: expected an object, but it is missing/],
  ])('exits 2 on %s, naming the file in one line', (_what, file, pattern) => {
    const out = path.join(dir, `out-${path.basename(file())}`);
    const r = servetwin('report', file(), '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when --out is a file or --format is unknown', () => {
    const r = servetwin('report', good, '--out', good);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/result\.json: cannot write the report there \(it is a file, not a folder\)/);
    const f = servetwin('report', good, '--format', 'pdf');
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/format/);
  });
});

// Each bad input to `servetwin calibrate` exits 2 with one sentence naming the file or flag and
// what was expected, and no stack trace. Spawns the compiled CLI (npm test builds dist/ first).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ELEM, writeIdentityModel } from '../calibration/tiny-onnx.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-cli-'));

function calibrate(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  // Few passes, in case a bad input were not caught and measuring started.
  const defaults = args.includes('--iterations') ? [] : ['--iterations', '1', '--warmup', '0'];
  const r = spawnSync(process.execPath, ['bin/servetwin.js', 'calibrate', ...defaults, ...args], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

function expectOneSentence(r: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.stderr.trim(), `stderr: ${r.stderr}`).toMatch(pattern);
  expect(r.status, `stderr: ${r.stderr}`).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('servetwin calibrate: bad input', () => {
  it('a missing model file', () => {
    expectOneSentence(calibrate('--model', path.join(dir, 'missing.onnx')), /^servetwin: --model: expected a builtin model name .* or an existing \.onnx file, got ".*missing\.onnx" \(no such file\)$/m);
  });

  it('a file that is not ONNX', () => {
    const f = path.join(dir, 'x.onnx');
    writeFileSync(f, 'this is a text file, not a model\n');
    expectOneSentence(calibrate('--model', f), new RegExp(`^servetwin: ${f.replace(/[.]/g, '\\.')}: expected an ONNX model, but onnxruntime could not load it \\(`));
  });

  it('a model with no dynamic batch dimension', () => {
    const f = path.join(dir, 'fixed.onnx');
    writeIdentityModel(f, [{ name: 'x', elem: ELEM.float32, shape: [1, 4] }]);
    expectOneSentence(calibrate('--model', f), /fixed\.onnx: no dynamic batch dimension: input x has shape \[1, 4\], expected a dynamic first axis/);
  });

  it('an input dtype it cannot synthesise', () => {
    const f = path.join(dir, 'text.onnx');
    writeIdentityModel(f, [{ name: 'text', elem: ELEM.string, shape: ['batch'] }]);
    expectOneSentence(calibrate('--model', f), /text\.onnx: input text has dtype string, which calibrate cannot synthesise/);
  });

  it('batch sizes that are not positive integers', () => {
    for (const bad of ['1,0,4', '2.5']) {
      expectOneSentence(calibrate(`--batch-sizes=${bad}`), /^servetwin: --batch-sizes: expected a comma-separated list of positive integers \(e\.g\. 1,2,4,8\), got /);
    }
  });

  it('an unwritable --out, found before measuring', () => {
    const r = calibrate('--out', path.join(dir, 'no-such-folder', 'p.json'));
    expectOneSentence(r, /^servetwin: --out: cannot write .*no-such-folder\/p\.json \(the folder .* does not exist\)$/);
    expectOneSentence(calibrate('--out', dir), /^servetwin: --out: cannot write .* \(it is a directory\)$/);
  });

  it('bad numbers and dims', () => {
    expectOneSentence(calibrate('--threads', '0'), /^servetwin: --threads: expected an integer >= 1, got 0$/);
    expectOneSentence(calibrate('--iterations', 'lots'), /^servetwin: --iterations: expected an integer >= 1, got something that is not a number$/);
    expectOneSentence(calibrate('--dim', 'x.3'), /^servetwin: --dim: expected INPUT\.AXIS=VALUE/);
    expectOneSentence(calibrate('--seed', '1', '--seed', '2'), /^servetwin: --seed: expected one value, got it 2 times$/);
  });
});

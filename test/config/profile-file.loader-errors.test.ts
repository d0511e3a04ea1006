// loadProfile accepts the three kinds of profile and rejects bad files with one InputError that
// names the file and, for an invalid profile, the field.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { loadProfile, REFERENCE_PROFILE } from '../../config/profile-file.js';
import { ParametricProfileSchema } from '../../config/profile.js';
import { importedProfile } from '../calibration/helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-profile-'));
function file(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('loadProfile', () => {
  it('loads parametric and imported profiles', () => {
    const p = loadProfile(file('exp.json', JSON.stringify({ schema: 'servetwin.profile/v1', kind: 'exponential', mean_ms: 100 })));
    expect(p).toEqual({ schema: 'servetwin.profile/v1', kind: 'exponential', mean_ms: 100 });
    const imported = importedProfile([{ size: 1, samples: [3, 4] }]);
    expect(loadProfile(file('imp.json', JSON.stringify(imported)))).toEqual(imported);
  });

  it('loads the shipped reference profile of the bundled model', () => {
    const p = loadProfile(REFERENCE_PROFILE);
    expect(p.kind).toBe('measured');
  });

  it('names the file when it is missing', () => {
    const missing = path.join(dir, 'nope.json');
    expect(errorOf(() => loadProfile(missing)).message).toBe(`${missing}: expected a profile JSON file, but it cannot be read (no such file)`);
  });

  it('names the file when it is a directory', () => {
    const sub = path.join(dir, 'sub.json');
    mkdirSync(sub);
    expect(errorOf(() => loadProfile(sub)).message).toMatch(/sub\.json: .*cannot be read \(it is a directory\)/);
  });

  it('names the file when it is not JSON', () => {
    const f = file('bad.json', '{ kind: exponential');
    expect(errorOf(() => loadProfile(f)).message).toMatch(new RegExp(`^${f.replace(/[.]/g, '\\.')}: expected a profile JSON file, but it is not valid JSON`));
  });

  it('names the field when the profile is invalid', () => {
    const f = file('neg.json', JSON.stringify({ schema: 'servetwin.profile/v1', kind: 'exponential', mean_ms: -3 }));
    const err = errorOf(() => loadProfile(f));
    expect(err.message).toContain(f);
    expect(err.message).toContain('mean_ms');
    const noCv = file('nocv.json', JSON.stringify({ schema: 'servetwin.profile/v1', kind: 'lognormal', mean_ms: 3 }));
    expect(errorOf(() => loadProfile(noCv)).message).toBe(`${noCv}: cv: expected a number, but it is missing`);
  });

  it('rejects an unknown kind and a missing schema tag', () => {
    const f = file('kind.json', JSON.stringify({ schema: 'servetwin.profile/v1', kind: 'gamma', mean_ms: 3 }));
    expect(errorOf(() => loadProfile(f)).message).toContain('kind');
    const g = file('tag.json', JSON.stringify({ kind: 'exponential', mean_ms: 3 }));
    expect(errorOf(() => loadProfile(g)).message).toContain('schema');
  });

  it('rejects batches that are out of order', () => {
    const p = importedProfile([{ size: 4, samples: [3] }, { size: 2, samples: [2] }]);
    const f = file('order.json', JSON.stringify(p));
    expect(errorOf(() => loadProfile(f)).message).toMatch(/batches: batches must be sorted by batch_size/);
  });
});

describe('ParametricProfileSchema (inline in scenarios)', () => {
  it('takes { kind: exponential, mean_ms: 100 } without a schema field', () => {
    expect(ParametricProfileSchema.parse({ kind: 'exponential', mean_ms: 100 })).toEqual({ kind: 'exponential', mean_ms: 100 });
    expect(ParametricProfileSchema.safeParse({ kind: 'exponential', mean_ms: 100, cv: 2 }).success).toBe(false);
    expect(ParametricProfileSchema.safeParse({ kind: 'deterministic', mean_ms: { base_ms: 0, per_item_ms: 0 } }).success).toBe(false);
  });
});

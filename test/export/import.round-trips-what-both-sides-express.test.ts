// import(export(c)) = c on every field both the target and the candidate express (the per-target
// tables in helpers.ts), for generated candidates of each target's space.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandidateSchema } from '../../config/candidate.js';
import { TARGETS } from '../../export/target.js';
import { EXPRESSED, exportAndImport, sourceOf } from './helpers.js';

describe('import(export(candidate))', () => {
  it.each(TARGETS)('gives back every field %s expresses', (target) => {
    const { fields, candidates } = EXPRESSED[target];
    expect(fields.length).toBeGreaterThan(5);
    fc.assert(
      fc.property(candidates, (input) => {
        const candidate = CandidateSchema.parse(input);
        const back = exportAndImport(target, sourceOf(input)).candidate;
        for (const [name, get] of fields) expect(get(back), `${target}: ${name}`).toEqual(get(candidate));
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});

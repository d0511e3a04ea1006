// For generated candidates of every shape (any autoscaler, router, cpus, batching), every target's
// export passes its own validation (kubernetes-models, KServe's CRD schema, Triton's proto parsed
// back, Ray's schema), and a field the target cannot express comes back as a warning naming it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_OPTIONS } from '../../export/source.js';
import { TARGETS } from '../../export/target.js';
import { EXPORTERS } from '../../export/targets.js';
import { anyAutoscaler, candidateWith, sourceOf } from './helpers.js';

const variants = [
  DEFAULT_EXPORT_OPTIONS,
  { ...DEFAULT_EXPORT_OPTIONS, hpaMetrics: 'keda' as const, kserveMode: 'standard' as const },
];

describe('every export of a generated candidate', () => {
  it.each(TARGETS)('validates against %s\'s schema, and names what it cannot express', (target) => {
    fc.assert(
      fc.property(candidateWith(anyAutoscaler), fc.constantFrom(...variants), fc.boolean(), (input, options, memory) => {
        const source = sourceOf(input, memory ? 34_877_440 : undefined);
        const out = EXPORTERS[target](source, options);
        expect(out.problems, JSON.stringify(out.problems)).toEqual([]);
        expect(out.files.length).toBeGreaterThan(0);
        const warned = new Set(out.warnings.map((w) => w.field.split('.')[0]));
        const { candidate } = source;
        if (target === 'triton' && candidate.router !== 'round_robin') expect(warned).toContain('router');
        if (target === 'ray-serve' && candidate.router !== 'power_of_two') expect(warned).toContain('router');
        if (target === 'kubernetes' && (candidate.router === 'power_of_two' || candidate.router === 'least_outstanding')) expect(warned).toContain('router');
        if ((target === 'triton' || target === 'ray-serve')) expect(warned).toContain('profile');
        if (target === 'knative' && candidate.autoscaler && !['kpa', 'fixed'].includes(candidate.autoscaler.kind)) expect(warned).toContain('autoscaler');
        if (target !== 'triton' && target !== 'ray-serve' && candidate.cpus === Number.POSITIVE_INFINITY) expect(warned).toContain('cpus');
        for (const w of out.warnings) expect(w.target).toBe(target);
      }),
      { numRuns: target === 'kserve' ? 40 : 80, seed: 13 },
    );
  });
});

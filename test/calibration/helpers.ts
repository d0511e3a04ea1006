// Shared generators for the service-time tests: measured-like profiles built from hand-made or
// fast-check samples, and the empirical quantile computed independently of the module under test.
import fc from 'fast-check';
import { PROFILE_SCHEMA_ID, type ImportedProfile } from '../../config/profile.js';

export const FC_SEED = 20240611;

export function importedProfile(batches: { size: number; samples: number[] }[]): ImportedProfile {
  return {
    schema: PROFILE_SCHEMA_ID,
    kind: 'imported',
    source: { file: 'test.csv', format: 'csv' },
    host: 'test',
    imported_at: '2024-01-01T00:00:00.000Z',
    batches: batches.map(({ size, samples }) => {
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      return {
        batch_size: size,
        samples_ms: samples,
        p50_ms: mean,
        p90_ms: mean,
        p99_ms: mean,
        mean_ms: mean,
        stddev_ms: 0,
        items_per_s: (size * 1000) / mean,
      };
    }),
  };
}

/** sorted[floor(p·m)], written out again here so the test does not trust the module's helper. */
export function empiricalQuantile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const sample = fc.double({ min: 0.05, max: 500, noNaN: true, noDefaultInfinity: true });

/** 1–6 distinct sorted batch sizes, each with 1–25 samples. */
export const arbitraryBatches = fc
  .uniqueArray(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 6 })
  .chain((sizes) =>
    fc.tuple(...sizes.sort((a, b) => a - b).map((size) => fc.array(sample, { minLength: 1, maxLength: 25 }).map((samples) => ({ size, samples })))),
  );

/**
 * Batches whose distributions grow with batch size: one base sample set plus non-negative
 * per-element increments, so every quantile is non-decreasing in batch size.
 */
export const arbitraryGrowingBatches = fc
  .record({
    sizes: fc.uniqueArray(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 6 }),
    m: fc.integer({ min: 1, max: 20 }),
  })
  .chain(({ sizes, m }) =>
    fc.record({
      sizes: fc.constant(sizes.sort((a, b) => a - b)),
      base: fc.array(sample, { minLength: m, maxLength: m }),
      deltas: fc.array(fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: m, maxLength: m }), {
        minLength: sizes.length,
        maxLength: sizes.length,
      }),
    }),
  )
  .map(({ sizes, base, deltas }) => {
    const current = [...base];
    return sizes.map((size, i) => {
      if (i > 0) deltas[i]!.forEach((d, j) => (current[j]! += d));
      return { size, samples: [...current] };
    });
  });

export const constant = (p: number) => () => p;

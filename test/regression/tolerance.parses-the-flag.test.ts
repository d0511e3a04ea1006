// --tolerance: defaults when absent; fractions, percentages and `off`, comma-separated or repeated;
// each bad entry an InputError naming the flag and what was expected.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../common/errors.js';
import { parseTolerances } from '../../regression/tolerance.js';

const asMap = (values?: string[]) => Object.fromEntries(parseTolerances(values).map((t) => [t.metric.name, t.tolerance]));

describe('--tolerance', () => {
  it('defaults to p50 5 %, p99 10 %, throughput 5 %, slo_attainment and drop_rate 1 point', () => {
    expect(asMap()).toEqual({ p50: 0.05, p99: 0.1, throughput: 0.05, slo_attainment: 0.01, drop_rate: 0.01 });
  });

  it('takes fractions, percentages and off, comma-separated or repeated', () => {
    expect(asMap(['p99=0.2,throughput=10%', 'p50=off', 'p999=0.5'])).toEqual({ p99: 0.2, p999: 0.5, throughput: 0.1, slo_attainment: 0.01, drop_rate: 0.01 });
    expect(asMap(['p99=0'])).toMatchObject({ p99: 0 });
  });

  it('rejects an unknown metric, a missing or negative value, and junk', () => {
    const cases: [string, RegExp][] = [
      ['p98=0.1', /^--tolerance: expected a metric among p50, p90, p99, .* got "p98"$/],
      ['p99', /^--tolerance: expected metric=value \(e\.g\. p99=0\.1 or p99=10%\), got "p99"$/],
      ['p99=', /expected metric=value/],
      ['p99=-0.1', /^--tolerance: expected a non-negative fraction \(0\.1\), a percentage \(10%\) or off in "p99=-0\.1", got "-0\.1"$/],
      ['p99=ten', /got "ten"$/],
    ];
    for (const [entry, message] of cases) {
      expect(() => parseTolerances([entry]), entry).toThrow(InputError);
      expect(() => parseTolerances([entry]), entry).toThrow(message);
    }
  });
});

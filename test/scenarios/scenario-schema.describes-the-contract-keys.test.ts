// The scenario's JSON Schema (generated from config/scenario.ts; test/config checks the committed
// file) describes every key of the scenario contract.
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../config/scenario.js';

describe('scenario JSON Schema', () => {
  it('describes the contract keys', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    for (const key of ['schema', 'name', 'seed', 'duration_s', 'warmup_s', 'profile', 'traffic', 'slo', 'candidates']) expect(schema.properties).toHaveProperty(key);
    expect(schema.required).toEqual(expect.arrayContaining(['schema', 'name', 'duration_s', 'profile', 'traffic', 'slo', 'candidates']));
  });
});

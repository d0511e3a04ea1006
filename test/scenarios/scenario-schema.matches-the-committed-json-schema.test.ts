// schemas/scenario.schema.json is generated from config/scenario.ts (the one declaration); this
// fails when they drift. Regenerate with UPDATE_SCHEMAS=1 npx vitest --run test/scenarios.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema } from '../../config/scenario.js';

const root = path.resolve(import.meta.dirname, '../..');
const file = path.join(root, SCENARIO_JSON_SCHEMA_PATH);

describe('scenario JSON Schema', () => {
  it('matches the committed schemas/scenario.schema.json', () => {
    const generated = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCHEMAS === '1') {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, generated);
    }
    expect(readFileSync(file, 'utf8')).toBe(generated);
  });

  it('describes the contract keys', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    for (const key of ['schema', 'name', 'seed', 'duration_s', 'warmup_s', 'profile', 'traffic', 'slo', 'candidates']) expect(schema.properties).toHaveProperty(key);
    expect(schema.required).toEqual(expect.arrayContaining(['schema', 'name', 'duration_s', 'profile', 'traffic', 'slo', 'candidates']));
  });
});

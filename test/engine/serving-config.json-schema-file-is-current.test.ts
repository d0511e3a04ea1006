// The committed schemas/serving.schema.json is what the zod declaration produces, so editors and
// the sweep's writer validate serving configs exactly as `servetwin serve` does. Regenerate with:
//   npx tsc -p tsconfig.json && node -e "import('./dist/config/serving.js').then(m => m.writeServingJsonSchema())"
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVING_JSON_SCHEMA_PATH, servingJsonSchema } from '../../config/serving.js';

describe('schemas/serving.schema.json', () => {
  it('matches the zod declaration of the serving config', () => {
    expect(JSON.parse(readFileSync(SERVING_JSON_SCHEMA_PATH, 'utf8'))).toEqual(servingJsonSchema());
  });
});

// The committed schemas/profile.schema.json is what the zod declaration produces, so editors
// validate profiles exactly as servetwin does. Regenerate after a schema change with:
//   npx tsc -p tsconfig.json && node -e "import('./dist/config/profile.js').then(m => m.writeProfileJsonSchema())"
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_JSON_SCHEMA_PATH, profileJsonSchema } from '../../config/profile.js';

describe('schemas/profile.schema.json', () => {
  it('matches the zod declaration of a profile', () => {
    const committed = JSON.parse(readFileSync(PROFILE_JSON_SCHEMA_PATH, 'utf8')) as unknown;
    expect(committed).toEqual(profileJsonSchema());
  });
});

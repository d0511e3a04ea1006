// The committed schemas/*.schema.json are what the zod declarations produce, so editors validate
// scenarios, profiles and serving configs exactly as servetwin does, and tools read results as it
// writes them. Regenerate after a schema change with UPDATE_SCHEMAS=1 npx vitest --run test/config
// (then review the diff).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles, writeSchemaFiles } from '../../config/schema-files.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('schemas/*.schema.json', () => {
  if (process.env.UPDATE_SCHEMAS === '1') writeSchemaFiles(root);
  it.each(schemaFiles())('$file matches its zod declaration', ({ file, text }) => {
    expect(readFileSync(path.join(root, file), 'utf8') === text, `${file} is stale: UPDATE_SCHEMAS=1 npx vitest --run test/config`).toBe(true);
  });
});

// Writes the JSON Schemas that editors and other tools read (schemas/*.schema.json: scenario,
// profile, serving config, result, capacity and explanation), each generated from its one zod declaration: `npm run
// schemas` after changing a schema; a test per file fails while the committed copy is stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CAPACITY_JSON_SCHEMA_PATH, capacityJsonSchema } from './capacity.js';
import { PROFILE_JSON_SCHEMA_PATH, profileJsonSchema } from './profile.js';
import { RESULT_JSON_SCHEMA_PATH, resultJsonSchema } from './result.js';
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema } from './scenario.js';
import { SERVING_JSON_SCHEMA_PATH, servingJsonSchema } from './serving.js';
import { EXPLAIN_JSON_SCHEMA_PATH, explainJsonSchema } from './explain.js';

/** The schema files under `root`, with the text each must hold. */
export function schemaFiles(): { file: string; text: string }[] {
  return [
    { file: SCENARIO_JSON_SCHEMA_PATH, text: scenarioJsonSchema() },
    { file: PROFILE_JSON_SCHEMA_PATH, text: profileJsonSchema() },
    { file: SERVING_JSON_SCHEMA_PATH, text: servingJsonSchema() },
    { file: RESULT_JSON_SCHEMA_PATH, text: resultJsonSchema() },
    { file: CAPACITY_JSON_SCHEMA_PATH, text: capacityJsonSchema() },
    { file: EXPLAIN_JSON_SCHEMA_PATH, text: explainJsonSchema() },
  ].map(({ file, text }) => ({ file, text: `${JSON.stringify(text, null, 2)}\n` }));
}

export function writeSchemaFiles(root: string): string[] {
  return schemaFiles().map(({ file, text }) => {
    const target = path.resolve(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    return target;
  });
}

// servetwin's own version (from package.json), for GET /v2 and the startup banner.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** Walks up from this file (engine/ in the sources, dist/engine/ when compiled) to package.json. */
export function servetwinVersion(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'servetwin' && pkg.version) return (cached = pkg.version);
  }
  return (cached = '0.0.0');
}

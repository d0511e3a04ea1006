// Where servetwin is installed: the nearest folder above this module that holds servetwin's
// package.json. The same answer from the sources, from dist/ and from the bundled CLI, so the
// reference profile, the shipped scenarios, the CLI's bin and the worker scripts resolve from any
// working directory. One of the few modules below the simulator that touch the file system.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;
let version: string | undefined;

export function projectRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!isServetwin(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return (root = dir);
}

/** servetwin's own version, from its package.json. */
export function servetwinVersion(): string {
  if (version !== undefined) return version;
  try {
    const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: string };
    return (version = pkg.version ?? '0.0.0');
  } catch {
    return (version = '0.0.0');
  }
}

function isServetwin(dir: string): boolean {
  const file = path.join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'servetwin';
  } catch {
    return false;
  }
}

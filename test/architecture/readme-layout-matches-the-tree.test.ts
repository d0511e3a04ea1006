// README's "Layout" block names every source folder (and the simulator's subfolders) and nothing
// that is not there, so a newcomer's map of the tree stays true; the layer rules themselves are
// checked by dependency-cruiser in `npm test` (.dependency-cruiser.cjs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Folders that hold TypeScript sources: top-level ones, and the simulator's subfolders. */
function sourceFolders(): string[] {
  const hasTs = (dir: string): boolean => readdirSync(dir).some((f) => f.endsWith('.ts') || (statSync(path.join(dir, f)).isDirectory() && hasTs(path.join(dir, f))));
  const top = readdirSync(root).filter((f) => !f.startsWith('.') && !['node_modules', 'dist', 'test'].includes(f) && statSync(path.join(root, f)).isDirectory() && hasTs(path.join(root, f)));
  const sim = readdirSync(path.join(root, 'simulator')).filter((f) => statSync(path.join(root, 'simulator', f)).isDirectory() && hasTs(path.join(root, 'simulator', f)));
  return [...top.map((f) => `${f}/`), ...sim.map((f) => `simulator/${f}/`)].sort();
}

describe("README's Layout", () => {
  it('lists exactly the source folders of the tree', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('## Layout');
    const block = readme.slice(readme.indexOf('```', start) + 3, readme.indexOf('```', readme.indexOf('```', start) + 3));
    const listed = block
      .split('\n')
      .map((line) => /^([a-z-]+\/(?:[a-z-]+\/)?)\s/.exec(line)?.[1])
      .filter((f): f is string => f !== undefined && f !== 'scenarios/');
    expect(listed.sort()).toEqual(sourceFolders());
  });
});

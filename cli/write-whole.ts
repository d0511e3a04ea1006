// Writes a file whole or not at all: the text goes to a temporary file beside it, renamed over the
// target once complete (a rename within one file system is atomic, NFS included). A reader that
// polls for the file — `merge --wait-s`, waiting on a volume the shards of an Indexed Job write to —
// never sees half of it, and a run killed mid-write leaves no truncated result behind.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeWhole(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw err;
  }
}

// Reading a file a person named (a scenario, a profile, a result, a baseline), with the error a
// person needs when it cannot be read: the file, what it should have been, and why not.
import { readFileSync } from 'node:fs';
import { InputError, errorMessage } from './errors.js';

/**
 * The text of `file`, or an InputError `<label>: expected <what>, but <file> cannot be read (why)`.
 * `label` is where the name came from (the file itself, or a flag such as `--baseline`).
 */
export function readInputFile(file: string, what: string, label = file): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : errorMessage(err);
    const subject = label === file ? 'it' : file;
    throw new InputError(`${label}: expected ${what}, but ${subject} cannot be read (${why})`, { source: label, found: file });
  }
}

/** Parses `file` as JSON after readInputFile; invalid JSON is an InputError naming the file. */
export function readJsonFile(file: string, what: string, label = file): unknown {
  const text = readInputFile(file, what, label);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InputError(`${label}: expected ${what}, but ${label === file ? 'it' : file} is not valid JSON (${errorMessage(err)})`, { source: label, found: file });
  }
}

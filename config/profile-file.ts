// Reading and writing profile files. Every loader error is an InputError naming the file: missing,
// unreadable, not JSON, or not a valid servetwin.profile/v1 (path-qualified, via parseConfig).
// Used by the simulator (scenario `profile: { file }`), calibrate --import and the tests.
import { writeFileSync, mkdirSync, accessSync, existsSync, statSync, constants } from 'node:fs';
import path from 'node:path';
import { InputError } from '../common/errors.js';
import { parseConfig } from './validate.js';
import { ProfileSchema, type Profile } from './profile.js';
import { readJsonFile } from '../common/read-file.js';
import { projectRoot } from '../common/servetwin-files.js';


/** The reference profile of the bundled model, measured on a 2-core machine (ships with servetwin). */
export const REFERENCE_PROFILE = path.join(projectRoot(), 'calibration', 'profiles', 'ppocr-cls.cpu-2core.json');

export function loadProfile(file: string): Profile {
  return parseConfig(ProfileSchema, readJsonFile(file, 'a profile JSON file'), file);
}

/**
 * Fails early (before minutes of measuring) when `file` cannot be written: its folder is missing
 * or not writable, or the file itself is a directory or read-only. `flag` names the option.
 */
export function assertWritable(file: string, flag: string): void {
  const target = path.resolve(file);
  const dir = path.dirname(target);
  const fail = (why: string): never => {
    throw new InputError(`${flag}: cannot write ${file} (${why})`, { source: flag, found: file });
  };
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) fail('it is a directory');
    try {
      accessSync(target, constants.W_OK);
    } catch {
      fail('the file is not writable');
    }
    return;
  }
  if (!existsSync(dir)) fail(`the folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) fail(`${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    fail(`the folder ${dir} is not writable`);
  }
}

/** Writes a profile as pretty JSON (creating its folder). */
export function writeProfile(file: string, profile: Profile): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(profile, null, 2)}\n`);
}

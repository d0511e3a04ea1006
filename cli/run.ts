// How every CLI command ends: exit 0 on success, 2 on bad input (an InputError: one clear sentence,
// no stack), 1 on a runtime failure. Commands wrap their handler in `action` so none of them
// repeats this. Also the integer check their flags share.
import { InputError, errorMessage } from '../common/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export function action<A>(handler: (args: A) => Promise<number | void> | number | void): (args: A) => Promise<void> {
  return async (args: A) => {
    try {
      const code = await handler(args);
      if (typeof code === 'number') process.exitCode = code;
    } catch (err) {
      if (err instanceof InputError) {
        process.stderr.write(`servetwin: ${err.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      } else {
        process.stderr.write(`servetwin: ${errorMessage(err)}\n`);
        if (process.env.SERVETWIN_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
        process.exitCode = EXIT_FAILURE;
      }
    }
  };
}

/** True when stdout is a terminal a person is watching (progress bars, colours). */
export function interactive(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.CI;
}

/** A flag's integer value, at least `min`; anything else is an InputError naming the flag. */
export function checkInteger(value: unknown, flag: string, min: number): number {
  if (Array.isArray(value)) throw new InputError(`${flag}: expected one value, got it ${value.length} times`, { source: flag });
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    const found = typeof value === 'number' && !Number.isNaN(value) ? String(value) : 'something that is not a number';
    throw new InputError(`${flag}: expected an integer >= ${min}, got ${found}`, { source: flag });
  }
  return value;
}

// How deeply a JSON text nests, found without parsing it: JSON.parse takes seconds over a couple of
// megabytes of `[[[[…` (the cost grows faster than the depth), so the request decoder refuses a body
// nested deeper than any request can be before handing it to JSON.parse. Jumps from bracket to
// bracket with Buffer.indexOf (native, memchr-fast): a 330 kB tensor body costs about 0.1 ms.

const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True if the JSON in body[0, end) nests arrays and objects more than `limit` deep (strings are skipped). */
export function nestsDeeperThan(whole: Buffer, end: number, limit: number): boolean {
  // Searches stay inside the JSON: binary tensor data may follow it.
  const body = whole.subarray(0, end);
  const next = (byte: number, from: number) => {
    const at = body.indexOf(byte, from);
    return at < 0 || at >= end ? end : at;
  };
  let openArray = next(OPEN_ARRAY, 0);
  let openObject = next(OPEN_OBJECT, 0);
  let closeArray = next(CLOSE_ARRAY, 0);
  let closeObject = next(CLOSE_OBJECT, 0);
  let quote = next(QUOTE, 0);
  let depth = 0;
  for (;;) {
    const at = Math.min(openArray, openObject, closeArray, closeObject, quote);
    if (at >= end) return false;
    if (at === quote) {
      const after = stringEnd(body, at, end);
      if (after >= end) return false;
      if (openArray < after) openArray = next(OPEN_ARRAY, after);
      if (openObject < after) openObject = next(OPEN_OBJECT, after);
      if (closeArray < after) closeArray = next(CLOSE_ARRAY, after);
      if (closeObject < after) closeObject = next(CLOSE_OBJECT, after);
      quote = next(QUOTE, after);
    } else if (at === openArray || at === openObject) {
      if (++depth > limit) return true;
      if (at === openArray) openArray = next(OPEN_ARRAY, at + 1);
      else openObject = next(OPEN_OBJECT, at + 1);
    } else {
      depth--;
      if (at === closeArray) closeArray = next(CLOSE_ARRAY, at + 1);
      else closeObject = next(CLOSE_OBJECT, at + 1);
    }
  }
}

/** The index just after the string that opens at `start` (a quote), or `end` if it does not close. */
function stringEnd(body: Buffer, start: number, end: number): number {
  for (let at = start + 1; ; at++) {
    at = body.indexOf(QUOTE, at);
    if (at < 0 || at >= end) return end;
    let backslashes = 0;
    while (body[at - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at + 1;
  }
}

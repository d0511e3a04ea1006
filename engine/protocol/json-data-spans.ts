// Parses a JSON infer request with its tensor data left out: every array that is the value of a
// "data" key and holds no string is cut from the text JSON.parse sees and replaced by a placeholder,
// and the request decoder decodes its bytes straight into the tensor (engine/protocol/json-numbers.ts).
// JSON.parse then reads a few hundred bytes instead of the whole tensor. The scan jumps from quote to
// quote and bracket to bracket with Buffer.indexOf (memchr), like engine/protocol/json-depth.ts.
// A placeholder is a string no client can write (it carries a random key made at start-up), so it
// stands only for a span found here. Used by engine/protocol/decode-request.ts.
import { randomBytes } from 'node:crypto';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** Byte range of one lifted array in the body, [start, end) from its "[" to just past its "]". */
export interface DataSpan {
  start: number;
  end: number;
}

export interface LiftedRequest {
  /** What JSON.parse made of the body with each lifted array as a placeholder string. */
  request: unknown;
  spans: DataSpan[];
}

const MARK = `\u0000servetwin-data-${randomBytes(12).toString('hex')}#`;
const MARK_JSON = JSON.stringify(MARK).slice(1, -1);
const DATA_KEY = Buffer.from('"data"');

/** The span a placeholder stands for, if `value` is one. */
export function liftedSpan(value: unknown, spans: readonly DataSpan[]): DataSpan | undefined {
  if (typeof value !== 'string' || !value.startsWith(MARK)) return undefined;
  return spans[Number(value.slice(MARK.length))];
}

/**
 * The body's JSON (bytes [0, end)) parsed with its "data" arrays lifted out, or null when it does
 * not parse (the caller then parses the body whole, for the error). With no array to lift, spans is
 * empty and request is what JSON.parse makes of the body.
 */
export function parseLifted(body: Buffer, end: number): LiftedRequest | null {
  // Searches stay inside the JSON: binary tensor data may follow it.
  const spans = findDataArrays(body.subarray(0, end));
  let text = '';
  let from = 0;
  spans.forEach((span, k) => {
    text += `${body.toString('utf8', from, span.start)}"${MARK_JSON}${k}"`;
    from = span.end;
  });
  text += body.toString('utf8', from, end);
  try {
    return { request: JSON.parse(text), spans };
  } catch {
    return null;
  }
}

/** The arrays that are values of a "data" key and contain no quote, in order. */
function findDataArrays(body: Buffer): DataSpan[] {
  const end = body.length;
  const spans: DataSpan[] = [];
  const before = (at: number) => (at < 0 ? end : at);
  let quote = before(body.indexOf(QUOTE, 0));
  while (quote < end) {
    const after = stringEnd(body, quote, end);
    if (after >= end) break;
    let next = before(body.indexOf(QUOTE, after));
    if (after - quote === DATA_KEY.length && body.compare(DATA_KEY, 0, DATA_KEY.length, quote, after) === 0) {
      const colon = skipSpace(body, after, end);
      const open = colon < end && body[colon] === COLON ? skipSpace(body, colon + 1, end) : end;
      if (open < end && body[open] === OPEN) {
        const close = matchingBracket(body, open, end);
        // A quote inside would make the bracket count unreliable (and the array is not numbers).
        if (close < next) {
          spans.push({ start: open, end: close + 1 });
          next = before(body.indexOf(QUOTE, close + 1));
        }
      }
    }
    quote = next;
  }
  return spans;
}

/** The "]" closing the "[" at `open` (no string inside assumed), or `end`. */
function matchingBracket(body: Buffer, open: number, end: number): number {
  let depth = 1;
  let nextOpen = body.indexOf(OPEN, open + 1);
  let at = open;
  for (;;) {
    const close = body.indexOf(CLOSE, at + 1);
    if (close < 0) return end;
    while (nextOpen >= 0 && nextOpen < close) {
      depth++;
      nextOpen = body.indexOf(OPEN, nextOpen + 1);
    }
    if (--depth === 0) return close;
    at = close;
  }
}

function skipSpace(body: Buffer, at: number, end: number): number {
  while (at < end) {
    const c = body[at]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    at++;
  }
  return at;
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

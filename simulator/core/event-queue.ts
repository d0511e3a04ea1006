// The simulator's future-event list: a binary min-heap keyed by (time, sequence), kept in parallel
// typed arrays so that scheduling an event allocates nothing. Equal times pop in the order they
// were pushed (SimPy's rule), so a run is a function of its inputs, not of heap layout.
// An event is a small-integer kind plus one integer payload; the loop in simulator/run.ts owns both.

export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private payloads: Int32Array;
  private count = 0;
  private nextSeq = 0;

  /** Time of the event pop() returned last. */
  time = 0;
  /** Payload of the event pop() returned last. */
  payload = 0;

  constructor(capacity = 64) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the next event, Infinity when there is none. */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
  }

  push(time: number, kind: number, payload: number): void {
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    // Sift up with a hole: move parents down until the new entry's place is found.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.payloads[i] = payload;
  }

  /** Removes the earliest event, sets `time` and `payload`, and returns its kind (-1 when empty). */
  pop(): number {
    if (this.count === 0) return -1;
    const times = this.times;
    const seqs = this.seqs;
    const kind = this.kinds[0]!;
    this.time = times[0]!;
    this.payload = this.payloads[0]!;
    const n = --this.count;
    if (n === 0) return kind;
    // Sift the last entry down from the root.
    const t = times[n]!;
    const s = seqs[n]!;
    const k = this.kinds[n]!;
    const p = this.payloads[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const ct = times[child]!;
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < seqs[child]!)) child = right;
      }
      const ct = times[child]!;
      if (t < ct || (t === ct && s < seqs[child]!)) break;
      this.move(child, i);
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    this.kinds[i] = k;
    this.payloads[i] = p;
    return kind;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.kinds[to] = this.kinds[from]!;
    this.payloads[to] = this.payloads[from]!;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const kinds = new Uint8Array(capacity);
    const payloads = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    payloads.set(this.payloads);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.payloads = payloads;
  }
}

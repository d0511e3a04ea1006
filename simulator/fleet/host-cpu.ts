// A replica's CPUs, shared by everything that runs there: its instances' forward passes (each
// with its intra-op threads), its HTTP thread's work and, in a replay whose load generator shares
// the machine, the generator. Processor sharing: every busy thread progresses at the same speed,
// 1 / slowdown(D) for D busy threads on c cores, where
//
//   slowdown(D) = max(1, D / c) · h(min(D, c))
//
// max(1, D / c) is plain processor sharing (Kleinrock; Harchol-Balter, "Performance Modeling and
// Design of Computer Systems", ch. 22): a job with k threads gets k of the D equal shares of c
// cores, so all jobs slow down alike and none gets more than its own threads. h is the
// interference the calibration measured with up to c threads busy (SMT siblings, memory
// bandwidth: profile `contention`), 1 without a measurement.
//
// A job's work is its time alone (ms at speed 1). Because every job runs at the same speed, one
// virtual clock per host suffices: v grows at the current speed, a job started at v0 with work w
// ends when v reaches v0 + w, and only the earliest end is on the event heap (HOST_DONE, payload
// the host's number). Whenever a job starts or ends the speed changes and that event is moved; a
// superseded one is recognised on arrival by its time and ignored. Jobs per host are few
// (instances, one HTTP-thread job, one generator job), so they sit in small arrays.
// Built by the fleet per replica when its pool has a CPU model (cpu-model.ts); the dispatcher,
// the HTTP thread (http-thread.ts) and the run start jobs on it and are called back when they end.
import type { EventQueue } from '../core/event-queue.js';
import { HOST_DONE } from '../core/events.js';

/** How a pool's replicas share their CPUs: cores and the measured interference. */
export interface CpuModel {
  /** Cores per replica. */
  readonly cpus: number;
  /** Slowdown of each of `threads` busy threads (the formula above). */
  slowdown(threads: number): number;
}

/** Who is told when a job ends: `tag` is the number the job was started with. */
export interface JobOwner {
  jobDone(now: number, tag: number): void;
}

/** Relative tolerance on the virtual clock: jobs within it of the earliest end end together. */
const EPS = 1e-9;

export class HostCpu {
  /** Busy threads now (the D of the formula). */
  threads = 0;
  /** Time when the earliest running job ends (Infinity when idle): the HOST_DONE on the heap for it. */
  nextAt = Number.POSITIVE_INFINITY;
  /** Busy thread-time within the measured window, thread·ms (for the result's CPU utilisation). */
  busyThreadMs = 0;
  private v = 0;
  private lastMs = 0;
  private speed = 1;
  private count = 0;
  private endV = new Float64Array(8);
  private jobThreads = new Int32Array(8);
  private owners: JobOwner[] = [];
  private tags = new Int32Array(8);
  /** The jobs a HOST_DONE ends, before their owners are told (no allocation per event). */
  private doneOwners: JobOwner[] = [];
  private doneTags = new Int32Array(8);

  constructor(
    private readonly model: CpuModel,
    private readonly queue: EventQueue,
    /** This host's number: the payload of its HOST_DONE events. */
    readonly index: number,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {}

  /** Starts a job of `work` ms alone on `threads` threads; `owner.jobDone(end, tag)` is called when it ends. */
  start(now: number, work: number, threads: number, owner: JobOwner, tag: number): void {
    this.advance(now);
    if (this.count === this.endV.length) this.grow();
    const i = this.count++;
    this.endV[i] = this.v + work;
    this.jobThreads[i] = threads;
    this.owners[i] = owner;
    this.tags[i] = tag;
    this.threads += threads;
    this.reschedule(now);
  }

  /** A HOST_DONE event: ends every job due now and tells their owners (after the speed has changed). */
  onDone(now: number): void {
    if (now !== this.nextAt) return; // superseded
    this.advance(now);
    const due = this.v + EPS * (1 + Math.abs(this.v));
    let n = 0;
    for (let i = 0; i < this.count; ) {
      if (this.endV[i]! <= due) {
        this.doneOwners[n] = this.owners[i]!;
        this.doneTags[n++] = this.tags[i]!;
        this.threads -= this.jobThreads[i]!;
        this.remove(i);
      } else i++;
    }
    this.reschedule(now);
    // Owners may start jobs here (never end one: only a HOST_DONE does), so these arrays hold.
    for (let j = 0; j < n; j++) this.doneOwners[j]!.jobDone(now, this.doneTags[j]!);
  }

  /** Busy thread-time up to `now` is counted (call at the end of the run). */
  close(now: number): void {
    this.advance(now);
  }

  private advance(now: number): void {
    const dt = now - this.lastMs;
    if (dt > 0) {
      this.v += this.speed * dt;
      const from = this.lastMs > this.fromMs ? this.lastMs : this.fromMs;
      const to = now < this.toMs ? now : this.toMs;
      if (to > from) this.busyThreadMs += this.threads * (to - from);
    }
    this.lastMs = now;
  }

  private reschedule(now: number): void {
    this.speed = this.threads === 0 ? 1 : 1 / this.model.slowdown(this.threads);
    let next = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.count; i++) if (this.endV[i]! < next) next = this.endV[i]!;
    const at = next === Number.POSITIVE_INFINITY ? next : now + Math.max(0, next - this.v) / this.speed;
    if (at === this.nextAt) return;
    this.nextAt = at;
    if (at !== Number.POSITIVE_INFINITY) this.queue.push(at, HOST_DONE, this.index);
  }

  private remove(i: number): void {
    const last = --this.count;
    this.endV[i] = this.endV[last]!;
    this.jobThreads[i] = this.jobThreads[last]!;
    this.owners[i] = this.owners[last]!;
    this.tags[i] = this.tags[last]!;
    this.owners.length = last;
  }

  private grow(): void {
    const n = this.endV.length * 2;
    const endV = new Float64Array(n);
    endV.set(this.endV);
    const jobThreads = new Int32Array(n);
    jobThreads.set(this.jobThreads);
    const tags = new Int32Array(n);
    tags.set(this.tags);
    this.endV = endV;
    this.jobThreads = jobThreads;
    this.tags = tags;
    this.doneTags = new Int32Array(n);
  }
}

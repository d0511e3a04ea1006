// A single thread on a replica's shared CPUs (host-cpu.ts): its jobs run one at a time, first
// come first served, each at the host's current speed, so a job's end moves with the load on the
// cores. Two such threads exist per replica with a CPU model: its HTTP thread (the engine's Node
// event loop: ingress, picking a batch's result up, egress, deferred work; frontend.ts draws the
// work) and, in a replay whose load generator shares the machine, the generator (scenario
// `client`). Jobs are (kind, argument) pairs; when one ends the thread's owner is told, then the
// next starts. A job of no work ends at once, without an event (a result picked up by an idle
// thread). Built by the fleet; the dispatcher submits and is called back.
import type { HostCpu, JobOwner } from './host-cpu.js';

export interface ThreadOwner {
  /** The job (`kind`, `arg`) ended at `now`. */
  threadJobDone(now: number, kind: number, arg: number): void;
}

export class CpuThread implements JobOwner {
  /** Time the thread spent on jobs within the measured window, ms. */
  busyMs = 0;
  private works = new Float64Array(16);
  private kinds = new Int32Array(16);
  private args = new Int32Array(16);
  private head = 0;
  private count = 0;
  private startedMs = 0;
  /** A job is on the host, or the thread is starting or ending jobs (then a submit only queues). */
  private active = false;

  constructor(
    private readonly host: HostCpu,
    private readonly owner: ThreadOwner,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {}

  /** Jobs queued or running. */
  get length(): number {
    return this.count;
  }

  /** Queues a job of `work` ms (alone on a core); it starts at once if the thread is idle. */
  submit(now: number, work: number, kind: number, arg: number): void {
    if (this.count === this.works.length) this.grow();
    const i = (this.head + this.count) & (this.works.length - 1);
    this.works[i] = work;
    this.kinds[i] = kind;
    this.args[i] = arg;
    this.count++;
    if (!this.active) this.run(now);
  }

  /** The host's callback: the head job ended. */
  jobDone(now: number): void {
    this.finishHead(now);
    this.run(now);
  }

  /** Starts the head job; jobs of no work end at once. */
  private run(now: number): void {
    this.active = true;
    while (this.count > 0) {
      const work = this.works[this.head]!;
      this.startedMs = now;
      if (work > 0) {
        this.host.start(now, work, 1, this, 0);
        return;
      }
      this.finishHead(now);
    }
    this.active = false;
  }

  private finishHead(now: number): void {
    const from = this.startedMs > this.fromMs ? this.startedMs : this.fromMs;
    const to = now < this.toMs ? now : this.toMs;
    if (to > from) this.busyMs += to - from;
    const kind = this.kinds[this.head]!;
    const arg = this.args[this.head]!;
    this.head = (this.head + 1) & (this.works.length - 1);
    this.count--;
    this.owner.threadJobDone(now, kind, arg);
  }

  private grow(): void {
    const n = this.works.length * 2;
    const works = new Float64Array(n);
    const kinds = new Int32Array(n);
    const args = new Int32Array(n);
    for (let j = 0; j < this.count; j++) {
      const i = (this.head + j) & (this.works.length - 1);
      works[j] = this.works[i]!;
      kinds[j] = this.kinds[i]!;
      args[j] = this.args[i]!;
    }
    this.works = works;
    this.kinds = kinds;
    this.args = args;
    this.head = 0;
  }
}

// Replica counts over the measured window — ready, billed, and instances of ready replicas — for
// one tier or the whole candidate, as step functions integrated over the window. Kept by the
// ledger (fleet/ledger.ts); summary.ts reads them for replica-seconds, utilisation and pricing.
import { WindowStat } from './window-stat.js';

/** Replica counts over the measured window, for a tier or the whole candidate. */
export class FleetStats {
  /** Replicas ready (serving). */
  readonly ready: WindowStat;
  /** Replicas billed: every one that exists, starting, ready or draining. */
  readonly billed: WindowStat;
  /** Instances of ready replicas (what utilisation is measured against). */
  readonly readyInstances: WindowStat;

  constructor(fromMs: number, toMs: number) {
    this.ready = new WindowStat(fromMs, toMs);
    this.billed = new WindowStat(fromMs, toMs);
    this.readyInstances = new WindowStat(fromMs, toMs);
  }
}

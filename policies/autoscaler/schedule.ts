// Replicas by time of day, for traffic whose daily shape is known in advance. Decides at each
// entry's time of day (repeating every 24 h) and ignores the metrics. The run starts at start_at.
// Built by index.ts.
import { scheduleEntrySeconds, timeOfDaySeconds, type ScheduleConfig } from '../../config/autoscaler.js';
import type { Autoscaler, ScalingDecision } from './types.js';

const DAY_MS = 86_400_000;

export class ScheduleAutoscaler implements Autoscaler {
  readonly kind = 'schedule';
  readonly initialReplicas: number;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Entry start times in ms after midnight, ascending, with their replica counts. */
  private readonly startsMs: number[];
  private readonly replicas: number[];
  private readonly offsetMs: number;
  private lastDecisionMs = 0;

  constructor(config: ScheduleConfig) {
    const entries = config.entries
      .map((e) => ({ ms: Math.round(scheduleEntrySeconds(e) * 1000), replicas: e.replicas }))
      .sort((a, b) => a.ms - b.ms);
    this.startsMs = entries.map((e) => e.ms);
    this.replicas = entries.map((e) => e.replicas);
    this.offsetMs = timeOfDaySeconds(config.start_at) * 1000;
    this.minReplicas = Math.min(...this.replicas);
    this.maxReplicas = Math.max(...this.replicas);
    this.initialReplicas = this.replicas[this.entryAt(0)]!;
  }

  observe(): void {}

  /** The next entry boundary after the last decision. */
  nextDecisionAt(): number {
    const tod = (this.lastDecisionMs + this.offsetMs) % DAY_MS;
    const dayStart = this.lastDecisionMs - tod;
    for (const start of this.startsMs) if (start > tod) return dayStart + start;
    return dayStart + DAY_MS + this.startsMs[0]!;
  }

  decide(nowMs: number): ScalingDecision {
    this.lastDecisionMs = Math.max(this.lastDecisionMs, nowMs);
    const i = this.entryAt(nowMs);
    const desired = this.replicas[i]!;
    return { desired, reason: `schedule: ${desired} from ${clock(this.startsMs[i]!)}` };
  }

  /** Index of the entry in force at run time nowMs (the last one of the day before the first). */
  private entryAt(nowMs: number): number {
    const tod = (nowMs + this.offsetMs) % DAY_MS;
    let i = this.startsMs.length - 1;
    for (let j = 0; j < this.startsMs.length; j++) if (this.startsMs[j]! <= tod) i = j;
    return i;
  }
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = s % 60;
  return ss === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${String(ss).padStart(2, '0')}`;
}

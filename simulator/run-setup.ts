// Builds what a run needs before its first event: the recorders (the candidate's, one per tier
// when it has a placement, one per site entry when the scenario declares sites), the ledger that
// owns every count, the pools of its topology with their initial replicas (warm at t = 0), the
// autoscaling driver for autoscaled pools, the placement, and the edge outages as events.
// Called once by run.ts's constructor.
import { OUTAGE_END, OUTAGE_START } from './core/events.js';
import type { EventQueue } from './core/event-queue.js';
import type { RequestTable } from './core/requests.js';
import { MetricsRecorder } from './fleet/metrics/recorder.js';
import { SiteRecorder } from './fleet/metrics/site-recorder.js';
import { Ledger } from './fleet/ledger.js';
import { Fleet, type FleetHost } from './fleet/fleet.js';
import { ScalingDriver } from './fleet/autoscaling.js';
import { PoolScaler } from './fleet/pool-scaler.js';
import { Pool, type Tier } from './fleet/pool.js';
import { Placement } from './fleet/placement.js';
import { Dispatcher } from './fleet/dispatch.js';
import type { RunSpec } from './run-spec.js';

export interface RunSetup {
  ledger: Ledger;
  dispatch: Dispatcher;
  tierMetrics: Record<Tier, MetricsRecorder | null>;
  fleet: Fleet;
  driver: ScalingDriver | null;
  placement: Placement | null;
  /** No replica comes or goes after the start. */
  fixed: boolean;
}

export function setUpRun(queue: EventQueue, requests: RequestTable, m: RunSpec, host: FleetHost): RunSetup {
  const plans = m.topology.pools;
  const maxBatch = (tier?: Tier): number =>
    Math.max(1, ...plans.filter((p) => tier === undefined || p.spec.tier === tier).map((p) => p.spec.batching.max_batch_size));
  const metrics = new MetricsRecorder(m.warmupMs, m.durationMs, m.sloMs, maxBatch(), 0, m.sampleIntervalMs);
  const tierRecorder = (tier: Tier): MetricsRecorder | null =>
    m.topology.tiered && plans.some((p) => p.spec.tier === tier)
      ? new MetricsRecorder(m.warmupMs, m.durationMs, m.sloMs, maxBatch(tier), 0, m.durationMs)
      : null;
  const tierMetrics = { cloud: tierRecorder('cloud'), edge: tierRecorder('edge') };
  metrics.withFrontend = plans.some((p) => p.spec.frontend !== null);
  for (const tier of ['cloud', 'edge'] as const) {
    const recorder = tierMetrics[tier];
    if (recorder) recorder.withFrontend = plans.some((p) => p.spec.tier === tier && p.spec.frontend !== null);
  }
  const recorders = [metrics, tierMetrics.cloud, tierMetrics.edge].filter((r): r is MetricsRecorder => r !== null);
  const siteMetrics = m.sitesDeclared && m.sites ? m.sites.entryNames.map(() => new SiteRecorder()) : null;
  const withNetwork = m.sites ? m.sites.cloudLinks.some((l) => l.active) || m.sites.edgeLinks.some((l) => l.active) : m.network.active;
  const ledger = new Ledger(requests, metrics, recorders, siteMetrics, m.sites, m.warmupMs, m.durationMs, withNetwork, m.topology.tiered, m.trace);
  const fleet = new Fleet(queue, ledger, host, m.seed, m.warmupMs, m.durationMs, m.trace);
  const dispatch = new Dispatcher(queue, requests, ledger, fleet);
  fleet.jobOwner = dispatch;
  fleet.threadOwner = dispatch.threadJobs;

  const scaled: Pool[] = [];
  let outages = false;
  let panic = false;
  plans.forEach((plan, i) => {
    const pool = new Pool(i, plan.spec, m.seed);
    fleet.pools.push(pool);
    pool.tierMetrics = tierMetrics[plan.spec.tier];
    if (plan.autoscaler) {
      pool.scaler = new PoolScaler(plan.autoscaler, plan.provisioning, plan.spec.serviceTime.coldStartMs, m.seed, m.warmupMs, m.durationMs);
      scaled.push(pool);
      if (plan.autoscaler.kind === 'kpa') panic = true;
    }
    const initial = pool.scaler ? pool.scaler.policy.initialReplicas : plan.replicas;
    fleet.setDesired(pool, initial, 0);
    for (let r = 0; r < initial; r++) fleet.add(pool, 0, null);
    pool.single = pool.scaler === null && plan.outages.length === 0 && initial === 1;
    for (const o of plan.outages) {
      if (o.startMs >= m.durationMs) continue;
      outages = true;
      queue.push(o.startMs, OUTAGE_START, i);
      if (o.endMs <= m.durationMs) queue.push(o.endMs, OUTAGE_END, i);
    }
  });

  metrics.series.options = { scaling: scaled.length > 0, panic, tiers: m.topology.placement !== null };
  const driver = scaled.length > 0 ? new ScalingDriver(queue, fleet, scaled, ledger, m.warmupMs, m.durationMs, m.trace) : null;
  const placement = m.topology.placement
    ? new Placement(
        m.topology.placement.kind,
        fleet.pools.find((p) => p.tier === 'cloud') ?? null,
        fleet.pools.filter((p) => p.tier === 'edge'),
        m.topology.placement.threshold,
      )
    : null;
  return { ledger, dispatch, tierMetrics, fleet, driver, placement, fixed: scaled.length === 0 && !outages };
}

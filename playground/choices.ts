// The playground's choices as data (levers.ts holds the numeric ones): the traffic pattern, the
// router, the autoscaler and its metric, provisioning, placement and pricing — each option with a
// label and a sentence, when it shows, and the scenario paths whose schema messages it owns. The
// profile picker owns `profile`; the schedule is a line of text. page/controls.ts draws them.
import type { Group, Settings } from './settings.js';

type ChoiceField = 'profile' | 'arrivals' | 'router' | 'autoscaler' | 'hpa_metric' | 'kpa_metric' | 'provisioning' | 'placement' | 'pricing' | 'capacity';

export interface Choice {
  field: ChoiceField;
  label: string;
  group: Group;
  /** Radio buttons (a few short options) or a drop-down. */
  style: 'radio' | 'select';
  /** [value, label, what it means]; empty for the profile picker, whose options come from the profiles at hand. */
  options: readonly (readonly [string, string, string])[];
  when?: (s: Settings) => boolean;
  paths: readonly string[];
}

const AS = 'candidates[0].autoscaler';

export const CHOICES: readonly Choice[] = [
  { field: 'profile', label: 'Latency profile', group: 'model', style: 'select', options: [], paths: ['profile'] },
  {
    field: 'arrivals',
    label: 'Pattern',
    group: 'traffic',
    style: 'radio',
    options: [
      ['poisson', 'Steady', 'Poisson arrivals: random, at a constant average rate.'],
      ['diurnal', 'Daily curve', 'The rate rises and falls once over the run, like a day squeezed into it.'],
      ['mmpp', 'Bursty', 'Calm stretches and sudden bursts (a Markov-modulated Poisson process).'],
    ],
    // The pattern owns what is left of the traffic.
    paths: ['traffic'],
  },
  {
    field: 'router',
    label: 'Router',
    group: 'fleet',
    style: 'select',
    options: [
      ['least_outstanding', 'Least outstanding', 'Each request goes to the replica with the fewest requests queued or running.'],
      ['power_of_two', 'Power of two choices', 'Two replicas picked at random; the request goes to the less busy one.'],
      ['round_robin', 'Round robin', 'Replicas take turns, whatever their queues.'],
      ['random', 'Random', 'A replica picked at random for each request.'],
    ],
    paths: ['candidates[0].router'],
  },
  {
    field: 'autoscaler',
    label: 'Autoscaler',
    group: 'autoscaler',
    style: 'select',
    options: [
      ['none', 'None: a fixed count', 'The replicas set under Fleet serve the whole run.'],
      ['schedule', 'Schedule', 'Replica counts by time of day, for traffic you can predict.'],
      ['hpa', 'Kubernetes HPA', 'The HorizontalPodAutoscaler: every sync period, replicas = ceil(metric / target × ready), a scale-down held by the stabilisation window.'],
      ['kpa', 'Knative KPA', 'Knative’s autoscaler: requests in flight averaged over a stable window, a panic window for bursts, scale to zero through the activator.'],
      ['ray_serve', 'Ray Serve', 'Ray Serve’s request-based policy: ongoing requests per replica, upscale and downscale delays.'],
    ],
    paths: [AS, 'candidates[0].autoscaler.kind'],
  },
  {
    field: 'hpa_metric',
    label: 'Metric',
    group: 'autoscaler',
    style: 'select',
    options: [
      ['utilization', 'Utilisation (%)', 'The busy share of the instances of each ready replica, like CPU utilisation.'],
      ['in_flight_per_replica', 'Requests in flight per replica', 'Queued or executing, a Pods metric with an average-value target.'],
      ['queue_per_replica', 'Requests waiting per replica', 'Queued only, a Pods metric with an average-value target.'],
    ],
    when: (s) => s.autoscaler === 'hpa',
    paths: [`${AS}.metric.type`],
  },
  {
    field: 'kpa_metric',
    label: 'Metric',
    group: 'autoscaler',
    style: 'radio',
    options: [
      ['concurrency', 'Concurrency', 'Requests in flight per replica (Knative’s default).'],
      ['rps', 'Requests/s', 'Requests per second per replica.'],
    ],
    when: (s) => s.autoscaler === 'kpa',
    paths: [`${AS}.metric`],
  },
  {
    field: 'provisioning',
    label: 'Provisioning',
    group: 'autoscaler',
    style: 'select',
    options: [
      ['none', 'Instant', 'A new replica starts loading the model at once (then the profile’s cold start).'],
      ['deterministic', 'A fixed time', 'Every new replica waits exactly the provisioning time, then loads the model.'],
      ['exponential', 'Exponential', 'Waits drawn at random around the mean: many short, a few long.'],
      ['lognormal', 'Lognormal', 'Waits around the mean with the spread you set: a long tail of slow node starts.'],
    ],
    when: (s) => s.autoscaler !== 'none',
    paths: ['candidates[0].provisioning'],
  },
  {
    field: 'placement',
    label: 'Placement',
    group: 'placement',
    style: 'radio',
    options: [
      ['cloud_only', 'Cloud', 'Every request crosses the network to the cloud servers.'],
      ['edge_only', 'Edge', 'Each site’s requests are served by devices near it: short trips, slower devices.'],
      ['hybrid', 'Hybrid', 'The edge first; when its devices are busy, requests overflow to the cloud.'],
    ],
    // The refinement "edge_only and hybrid placements need an `edge` section" says candidates[0].edge.
    paths: ['candidates[0].placement', 'candidates[0].edge'],
  },
  {
    field: 'pricing',
    label: 'Pricing',
    group: 'prices',
    style: 'radio',
    options: [
      ['provisioned', 'Per replica-hour', 'Every second a replica exists is paid, busy or not.'],
      ['serverless', 'Serverless', 'Per request and per GB-second of work; nothing while scaled to zero.'],
    ],
    paths: ['cost.pricing'],
  },
  {
    field: 'capacity',
    label: 'Capacity',
    group: 'prices',
    style: 'radio',
    options: [
      ['on_demand', 'On demand', 'The list price.'],
      ['spot', 'Spot', 'Spare capacity at a discount (servetwin prices it; it does not simulate reclaimed nodes).'],
    ],
    when: (s) => s.pricing === 'provisioned',
    paths: ['cost.capacity'],
  },
];

/** The text controls: the schedule's entries. */
export const TEXTS: readonly { field: 'schedule'; label: string; group: Group; when: (s: Settings) => boolean; help: string; paths: readonly string[] }[] = [
  {
    field: 'schedule',
    label: 'Schedule',
    group: 'autoscaler',
    when: (s) => s.autoscaler === 'schedule',
    help: 'second=replicas pairs from the start of the run (a time of day; it repeats every 24 h): "0=1, 120=2, 360=1".',
    paths: [`${AS}.entries`, `${AS}.start_at`],
  },
];

// The results panel: the headline, the percentiles against the SLO, the tiles, and the run over
// time — with an autoscaler, replicas against the load and the autoscaler's state first — each chart
// in a card with a legend and one sentence on how to read it. Drawn whole on every result (a few
// hundred SVG nodes: a millisecond or two), or from a run's figures so far. comparison.ts draws two
// of these side by side.
import type { Scenario } from '../../../config/scenario.js';
import type { CandidateResult } from '../../../config/result.js';
import { priceCandidate } from '../../../planner/cost.js';
import type { SoFar, Watched } from '../../worker/messages.js';
import { scalingChart, SCALING_LEGEND, stripLegend } from './scaling.js';
import { headline, partialHeadline, tiles } from './figures.js';
import { percentileChart } from './percentiles.js';
import { latencyTimeline, queueTimeline, trafficTimeline, type TimelineData } from './timelines.js';

export type Shown = { kind: 'result'; scenario: Scenario; result: CandidateResult; watched: Watched } | { kind: 'partial'; scenario: Scenario; partial: SoFar };

export function card(id: string, title: string, caption: string, legend: [string, string][], body: Element): HTMLElement {
  const c = document.createElement('section');
  c.className = 'card';
  c.id = id;
  const head = document.createElement('header');
  const h = document.createElement('h2');
  h.textContent = title;
  head.append(h);
  if (legend.length > 0) {
    const l = document.createElement('ul');
    l.className = 'legend';
    for (const [cls, text] of legend) {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch ${cls}`;
      li.append(swatch, text);
      l.append(li);
    }
    head.append(l);
  }
  const p = document.createElement('p');
  p.className = 'caption';
  p.textContent = caption;
  c.append(head, body, p);
  return c;
}

/** What the autoscaler did, in a sentence. */
function scalingCaption(r: CandidateResult): string {
  const a = r.autoscaling;
  if (!a) return '';
  const parts = [`${a.scale_ups} scale-up${a.scale_ups === 1 ? '' : 's'} and ${a.scale_downs} scale-down${a.scale_downs === 1 ? '' : 's'} after the warm-up`, `at most ${a.max_desired} asked for`];
  if (a.held_requests > 0) parts.push(`${a.held_requests.toLocaleString('en-US')} requests waited for a ready replica`);
  if (a.panic_fraction !== undefined) parts.push(`panic ${(a.panic_fraction * 100).toFixed(1)} % of the time`);
  return `${parts.join('; ')}. `;
}

/** The cards of one result (or a run's figures so far), at `width` pixels. */
export function resultParts(shown: Shown, width: number): Element[] {
  const s = shown.scenario;
  const c = s.candidates[0]!;
  const queueCap = (c.batching.max_queue_size ?? 0) * c.replicas;
  const slo = { latency_ms: s.slo.latency_ms, percentile: s.slo.percentile, max_drop_rate: s.slo.max_drop_rate };
  const timeline: TimelineData = {
    width,
    durationS: s.duration_s,
    warmupS: s.warmup_s,
    sloMs: s.slo.latency_ms,
    overTime: shown.kind === 'result' ? shown.watched.overTime : shown.partial.overTime,
    series: shown.kind === 'result' ? shown.result.timeseries : null,
    queueCap,
    scaling: shown.kind === 'result' ? shown.watched.scaling : null,
  };
  const parts: Element[] = [];
  if (shown.kind === 'result') {
    const r = shown.result;
    parts.push(headline(r, slo));
    const l = r.latency_ms;
    parts.push(
      card('card-percentiles', 'Latency percentiles', `Half the requests finished within the p50, 99 in 100 within the p99. The SLO asks that ${s.slo.percentile} % finish within ${s.slo.latency_ms} ms: a bar past the red line misses it.`, [], percentileChart({ p50: l.p50, p90: l.p90, p99: l.p99, sloMs: s.slo.latency_ms, sloPercentile: s.slo.percentile, partial: false }, width)),
    );
    parts.push(tiles(r, priceCandidate(c, r, s)));
  } else {
    const p = shown.partial;
    parts.push(partialHeadline(p));
    if (p.p50_ms !== null && p.p90_ms !== null && p.p99_ms !== null) {
      parts.push(card('card-percentiles', 'Latency percentiles (so far)', 'The figures of the requests simulated so far; they settle as the run goes on.', [], percentileChart({ p50: p.p50_ms, p90: p.p90_ms, p99: p.p99_ms, sloMs: s.slo.latency_ms, sloPercentile: s.slo.percentile, partial: true }, width)));
    }
  }
  if (shown.kind === 'result' && c.autoscaler && shown.result.timeseries.desired_replicas) {
    const data = { width, durationS: s.duration_s, warmupS: s.warmup_s, series: shown.result.timeseries, scaling: shown.watched.scaling };
    parts.push(
      card(
        'card-scaling',
        'Replicas over time, against the load',
        `${scalingCaption(shown.result)}A new replica serves only after provisioning and the model's cold start${shown.watched.scaling ? ` (${shown.watched.scaling.cold_start_s.toFixed(2)} s)` : ''}: the shaded stack above the ready replicas. The strips on top show when the autoscaler panicked, held a scale-down back or delayed a scale-up.`,
        [...SCALING_LEGEND, ...stripLegend(data)],
        scalingChart(data),
      ),
    );
  }
  const coldLegend: [string, string][] = timeline.scaling ? [['ready-mark', 'a replica became ready'], ['no-replica', 'none ready']] : [];
  parts.push(
    card('card-latency', 'Latency over time', `Each point is the requests sent in that interval. A p99 that climbs while p50 stays flat is a queue building up behind bursts.${timeline.scaling ? ' A spike where a replica became ready is requests that waited for its cold start.' : ''}`, [['line-p50', 'p50'], ['line-p99', 'p99'], ['slo-line', 'SLO'], ...coldLegend], latencyTimeline(timeline)),
    card('card-queue', 'Queue length over time', 'Requests waiting for an instance, all replicas together. A queue that keeps growing means more traffic than the fleet can serve.', [['area-queue', 'average'], ['line-queue-max', 'longest']], queueTimeline(timeline)),
    card('card-traffic', 'Traffic and drops', 'Requests sent and served per second. When the queue is full, new requests are turned away: the red area.', [['line-arrivals', 'sent'], ['line-throughput', 'served'], ['area-drops', 'dropped']], trafficTimeline(timeline)),
  );
  return parts;
}

/** The chart width for a container: its width less the card's padding, so text keeps its size whatever the window. */
export function chartWidth(container: HTMLElement, columns = 1): number {
  return Math.max(280, Math.floor((container.clientWidth - (columns - 1) * 14) / columns - 34));
}

export function renderResults(root: HTMLElement, shown: Shown): void {
  root.classList.remove('compare');
  root.replaceChildren(...resultParts(shown, chartWidth(root)));
}

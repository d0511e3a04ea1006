// The explain view: what `servetwin explain` computes (explain/explain.ts, the same code, on the
// run on screen), as tables — the load and every station's utilisation ρ, the closed forms (Erlang C,
// Pollaczek–Khinchine, Allen–Cunneen) beside the simulated wait, the batching arithmetic, the
// latency budget and the cost — and the latency-vs-load curve of the closed form, with its knee and
// where this configuration sits on it. A figure the formulas cannot give says why.
import type { CandidateExplanation, Columns } from '../../../config/explain.js';
import { ggc } from '../../../explain/allen-cunneen.js';
import { linear, linePath, newSvg, niceTicks, svgEl, xAxis, yAxis, type Frame } from '../svg.js';
import { ms, percent, rps, usd } from './format.js';
import type { KneeOutcome, Probe } from '../../worker/messages.js';

/** A knee search's levels so far and, once it ended, its outcome. */
export interface Knee {
  probes: Probe[];
  outcome: KneeOutcome | null;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function num(v: number | null | undefined, f: (v: number) => string): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : f(v);
}

const rho = (v: number) => v.toFixed(3);
const FORMULA_NAMES: Record<string, string> = { erlang_c: 'Erlang C', pollaczek_khinchine: 'Pollaczek–Khinchine', allen_cunneen: 'Allen–Cunneen' };
const plain = (v: number) => String(Number(v.toPrecision(4)));

/** A table with a header row and body rows of text. */
function table(id: string, caption: string, head: string[], rows: string[][]): HTMLTableElement {
  const t = el('table', 'explain-table');
  t.id = id;
  t.append(el('caption', '', caption));
  const thead = t.createTHead().insertRow();
  for (const h of head) thead.append(Object.assign(el('th', '', h), { scope: 'col' }));
  const body = t.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    r.forEach((cell, i) => tr.append(i === 0 ? Object.assign(el('th', '', cell), { scope: 'row' }) : el('td', '', cell)));
  }
  return t;
}

function columns(c: Columns, f: (v: number) => string): [string, string] {
  return [num(c.formula, f), num(c.simulated, f)];
}

function section(title: string, lead: string, ...body: Element[]): HTMLElement {
  const s = el('section', 'card explain-section');
  s.append(el('h2', '', title), el('p', 'caption', lead), ...body);
  return s;
}

/** Sojourn time by the closed form against the arrival rate per replica, with the knee (wait = service time) and this run. */
function loadCurve(c: CandidateExplanation, width: number): SVGSVGElement | null {
  const cf = c.pools[0]!.closed_forms;
  const ca2 = cf.ca2 ?? 1;
  const cs2 = cf.cs2 ?? 1;
  if (!(cf.service_ms > 0)) return null;
  const capacity = (cf.servers * 1000) / cf.service_ms;
  const points: [number, number][] = [];
  for (let i = 1; i <= 60; i++) {
    const lambda = (capacity * 0.97 * i) / 60;
    const g = ggc(lambda / 1000, cf.service_ms, cf.servers, ca2, cs2);
    if (g) points.push([lambda, g.sojourn]);
  }
  const knee = points.find(([, s]) => s - cf.service_ms >= cf.service_ms);
  const FRAME: Frame = { width, height: 190, left: 56, right: 16, top: 14, bottom: 38 };
  const svg = newSvg(FRAME, 'Latency against load by the closed form, with the knee and this configuration');
  const yMax = Math.min(Math.max(...points.map(([, s]) => s)), cf.service_ms * 12);
  const yt = niceTicks(yMax, 4);
  const xt = niceTicks(capacity, 5);
  const x = linear([0, xt[xt.length - 1]!], [FRAME.left, FRAME.width - FRAME.right]);
  const y = linear([0, yt[yt.length - 1]!], [FRAME.height - FRAME.bottom, FRAME.top]);
  yAxis(svg, FRAME, y, yt, 'mean latency (ms)');
  xAxis(svg, FRAME, x, xt, 'requests / s per replica');
  const cx = x(capacity);
  svg.append(svgEl('line', { x1: cx, x2: cx, y1: FRAME.top, y2: FRAME.height - FRAME.bottom, class: 'cap-line' }));
  svg.append(svgEl('text', { x: cx - 4, y: FRAME.top + 10, 'text-anchor': 'end', class: 'cap-label' }, 'capacity'));
  svg.append(svgEl('path', { d: linePath(points.map(([l]) => l), points.map(([, s]) => (s <= yt[yt.length - 1]! ? s : null)), x, y), class: 'line line-p99' }));
  if (knee) {
    svg.append(svgEl('circle', { cx: x(knee[0]), cy: y(knee[1]), r: 4, class: 'knee-mark' }));
    svg.append(svgEl('text', { x: x(knee[0]) - 6, y: y(knee[1]) - 8, 'text-anchor': 'end', class: 'knee-label' }, `knee ≈ ${rps(knee[0])}`));
  }
  const here = cf.arrival_rps;
  const g = ggc(here / 1000, cf.service_ms, cf.servers, ca2, cs2);
  if (g && here > 0 && g.sojourn <= yt[yt.length - 1]!) {
    svg.append(svgEl('circle', { cx: x(here), cy: y(g.sojourn), r: 5, class: 'here-mark' }));
    svg.append(svgEl('text', { x: x(here) + 8, y: y(g.sojourn) + 4, class: 'here-label' }, 'this run'));
  }
  return svg;
}

/** The simulated p99 at every load the search tried, the SLO line, and the edge it found. */
function kneeChart(knee: Knee, sloMs: number, width: number): SVGSVGElement {
  const FRAME: Frame = { width, height: 200, left: 56, right: 16, top: 14, bottom: 38 };
  const svg = newSvg(FRAME, 'p99 latency against load, simulated at each level the capacity search tried, with the SLO and the edge');
  const points = [...knee.probes].sort((a, b) => a.offered_rps - b.offered_rps);
  const yMax = Math.min(Math.max(sloMs * 1.3, ...points.filter((p) => p.slo_met).map((p) => p.p99_ms)) , sloMs * 4);
  const yt = niceTicks(yMax, 4);
  const xt = niceTicks(Math.max(1, ...points.map((p) => p.offered_rps)) * 1.05, 5);
  const x = linear([0, xt[xt.length - 1]!], [FRAME.left, FRAME.width - FRAME.right]);
  const y = linear([0, yt[yt.length - 1]!], [FRAME.height - FRAME.bottom, FRAME.top]);
  yAxis(svg, FRAME, y, yt, 'p99 (ms)');
  xAxis(svg, FRAME, x, xt, 'requests / s offered');
  svg.append(svgEl('line', { x1: FRAME.left, x2: FRAME.width - FRAME.right, y1: y(sloMs), y2: y(sloMs), class: 'slo-line' }));
  const top = yt[yt.length - 1]!;
  svg.append(svgEl('path', { d: linePath(points.map((p) => p.offered_rps), points.map((p) => Math.min(p.p99_ms, top)), x, y), class: 'line line-p99' }));
  for (const p of points) svg.append(svgEl('circle', { cx: x(p.offered_rps), cy: y(Math.min(p.p99_ms, top)), r: 3.5, class: p.slo_met ? 'probe-pass' : 'probe-fail' }));
  const edge = knee.outcome?.sustainable;
  const at = edge === null || edge === undefined ? undefined : knee.probes.find((p) => Math.abs(p.level - edge) <= 1e-9 * edge);
  if (at) {
    svg.append(svgEl('line', { x1: x(at.offered_rps), x2: x(at.offered_rps), y1: FRAME.top, y2: FRAME.height - FRAME.bottom, class: 'cap-line' }));
    svg.append(svgEl('text', { x: x(at.offered_rps) - 4, y: FRAME.top + 10, 'text-anchor': 'end', class: 'cap-label' }, `the SLO holds up to ${rps(at.offered_rps)}`));
  }
  return svg;
}

/** The knee by simulation: a button, the search going on, or its curve and outcome. */
function kneeSection(knee: Knee | null, sloMs: number, width: number, findKnee: () => void): HTMLElement {
  const lead = 'servetwin capacity’s own search: the load scaled as a whole (same seed, same streams), doubled until the SLO breaks, then bisected to within 2 %; each level is a full simulation of this configuration.';
  if (knee === null) {
    const b = el('button', 'primary', 'Find the knee by simulation');
    b.type = 'button';
    b.id = 'find-knee';
    b.addEventListener('click', findKnee);
    return section('Latency against load (simulated)', lead, b);
  }
  const o = knee.outcome;
  const state = el('p', 'caption');
  state.id = 'knee-status';
  const at = o?.sustainable === null || o?.sustainable === undefined ? undefined : knee.probes.find((p) => Math.abs(p.level - o.sustainable!) <= 1e-9 * o.sustainable!);
  state.textContent =
    o === null
      ? `Searching… ${knee.probes.length} level(s) tried.`
      : o.status === 'none'
        ? 'The SLO is missed even at 1/64 of this load.'
        : `${o.status === 'at_bound' ? 'The SLO holds even at 64× this load' : `The SLO holds up to ×${Number(o.sustainable!.toPrecision(3))} of this load`}${at ? `: ${rps(at.offered_rps)} offered` : ''}${o.status === 'non_monotone' ? ' (a lower level failed: a conservative figure)' : ''}; ${knee.probes.length} levels tried.`;
  if (o !== null) state.dataset.done = 'true';
  return section('Latency against load (simulated)', lead, state, kneeChart(knee, sloMs, width));
}

export function explainParts(c: CandidateExplanation, width: number, knee: Knee | null = null, sloMs = 0, findKnee: () => void = () => {}): Element[] {
  const pool = c.pools[0]!;
  const out: Element[] = [];
  const load = pool.load;
  const stations = table('explain-stations', 'Each station a request passes, and how busy it is: ρ = λ × work ÷ servers.', ['Station', 'Servers', 'Work per request', 'Capacity', 'ρ formula', 'ρ simulated'], pool.stations.map((s) => [s.label, plain(s.servers), ms(s.work_ms_per_request), num(s.capacity_rps, rps), ...columns(s.utilization, rho)]));
  out.push(
    section(
      'Load and utilisation',
      `${rps(load.offered_rps)} offered (${load.offered_from}); ${plain(load.replicas)} replica(s) ⇒ λ = ${rps(load.per_replica_rps)} per replica. The bottleneck is ${pool.bottleneck.station} at ρ = ${rho(pool.bottleneck.utilization)}${pool.bottleneck.stable ? '' : ': overloaded, the queue grows without bound'}.`,
      stations,
    ),
  );
  const cf = pool.closed_forms;
  const forms = table('explain-forms', `The queue in front of the instances: c = ${cf.servers}, E[S] = ${ms(cf.service_ms)}, ρ = ${rho(cf.utilization)}, Ca² = ${num(cf.ca2, plain)}, Cs² = ${num(cf.cs2, plain)}.`, ['Formula', 'Model', 'Mean wait', 'Applies?'], cf.forms.map((f) => [FORMULA_NAMES[f.formula] ?? f.formula, f.model, num(f.wait_ms, ms), f.applicable ? (f.broken.length > 0 ? `roughly: ${f.broken.join('; ')}` : 'yes') : (f.why_empty ?? `no: ${f.broken.join('; ')}`)]));
  const beside = table('explain-beside', 'The best formula beside the simulation.', ['', 'Formula', 'Simulated'], [['Mean wait in the queue', ...columns(cf.wait_ms, ms)], ['Queue + instance time', ...columns(cf.sojourn_ms, ms)]]);
  out.push(section('Closed forms beside the simulation', cf.arrivals_note, forms, beside));
  const curve = loadCurve(c, width);
  out.push(kneeSection(knee, sloMs, width, findKnee));
  if (curve) out.push(section('Latency against load (closed form)', 'Allen–Cunneen’s mean latency as the rate per replica grows: flat, then the knee — here where the wait equals the service time — then a wall at capacity. The dot is this configuration.', curve));
  const b = pool.batching;
  out.push(
    section(
      'Batching arithmetic',
      `Batches of up to ${b.max_batch_size} items within ${ms(b.max_queue_delay_ms)}: at light load a batch collects ${plain(b.window_batch_requests)} request(s), and a request waits ${ms(b.window_wait_ms)} for it.`,
      table('explain-batching', 'What batching buys one instance.', ['', 'Formula', 'Simulated'], [
        ['Mean batch (items)', ...columns(b.mean_batch_items, plain)],
        ['Requests/s per instance, one at a time', rps(b.throughput_rps.unbatched), ''],
        ['… at the mean batch', num(b.throughput_rps.at_mean_batch, rps), ''],
        ['… with every batch full', rps(b.throughput_rps.at_full_batch), ''],
        ['Gain from batching', num(b.gain, (v) => `${v.toFixed(2)}×`), ''],
      ]),
    ),
  );
  const budget = c.latency_budget;
  out.push(section('Latency budget', 'Means add up where percentiles do not: the parts of the mean end-to-end latency.', table('explain-budget', budget.notes.join(' ') || 'Formula from the profile and the closed forms; simulated from the run.', ['Part', 'Formula', 'Simulated'], [...budget.parts.map((p) => [p.label, ...columns(p.ms, ms)]), ['Total', ...columns(budget.total_ms, ms)]])));
  const cost = c.cost;
  const rows = [['Per hour', ...columns(cost.per_hour_usd, usd)], ['Replicas billed (mean)', plain(cost.replicas_billed), ''], ['Per million requests', num(cost.per_million_requests_usd, usd), '']];
  const auto = cost.autoscaling;
  if (auto) rows.push(['Held at the peak all the time', usd(auto.always_on_per_hour_usd), ''], ['Saved by autoscaling', `${usd(auto.saved_per_hour_usd)} / h${auto.saved_share === null ? '' : ` (${percent(auto.saved_share)})`}`, '']);
  out.push(section('Cost arithmetic', `${cost.pricing} pricing${cost.replica_per_hour_usd === null ? '' : `, ${usd(cost.replica_per_hour_usd)} per replica-hour`}. ${cost.notes.join(' ')}`, table('explain-cost', 'Price of the run.', ['', 'Formula', 'Simulated'], rows)));
  return out;
}

// The headline and the tiles: the p99 and whether the SLO is met, then throughput, drops, cost,
// how busy the instances were and how full the batches. The p99 is shown exactly as the result
// has it (String of the number in servetwin.result/v1), so it can be compared with the CLI's.
import type { CandidateResult } from '../../../config/result.js';
import type { CostBreakdown } from '../../../planner/cost.js';
import type { SoFar } from '../../worker/messages.js';
import { count, ms, percent, rps, usd } from './format.js';

export interface Slo {
  latency_ms: number;
  percentile: number;
  max_drop_rate: number;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function headline(c: CandidateResult, slo: Slo): HTMLElement {
  const box = el('div', 'headline');
  const p99 = el('div', 'p99');
  p99.append(el('span', 'p99-label', 'p99 latency'));
  const value = el('output', 'p99-value');
  value.id = 'p99';
  value.dataset.ms = String(c.latency_ms.p99);
  value.textContent = `${String(c.latency_ms.p99)} ms`;
  p99.append(value);
  box.append(p99);
  const verdict = el('div', `verdict ${c.slo_met ? 'met' : 'missed'}`);
  verdict.id = 'verdict';
  verdict.append(el('strong', '', c.slo_met ? 'SLO met' : 'SLO missed'));
  const need = `p${slo.percentile} ≤ ${ms(slo.latency_ms)}`;
  const within = `${percent(c.slo_attainment, 2)} of requests within ${ms(slo.latency_ms)} (needs ${slo.percentile} %)`;
  const dropRate = c.requests.arrived > 0 ? c.dropped / c.requests.arrived : 0;
  const drops = dropRate > slo.max_drop_rate ? `; ${percent(dropRate, 2)} dropped (at most ${percent(slo.max_drop_rate, 2)})` : '';
  verdict.append(el('span', '', `${need}: ${within}${drops}`));
  box.append(verdict);
  return box;
}

/** While a run goes on: the figures so far, marked as such. */
export function partialHeadline(p: SoFar): HTMLElement {
  const box = el('div', 'headline partial');
  const p99 = el('div', 'p99');
  p99.append(el('span', 'p99-label', 'p99 so far'));
  p99.append(el('output', 'p99-value', p.p99_ms === null ? '…' : `≈ ${ms(p.p99_ms)}`));
  box.append(p99);
  box.append(el('div', 'verdict pending', `${count(p.completed)} requests measured so far; the verdict comes at the end of the run`));
  return box;
}

function tile(label: string, value: string, detail: string, id: string): HTMLElement {
  const t = el('div', 'tile');
  t.id = id;
  t.append(el('span', 'tile-label', label), el('span', 'tile-value', value), el('span', 'tile-detail', detail));
  return t;
}

export function tiles(c: CandidateResult, cost: CostBreakdown): HTMLElement {
  const box = el('div', 'tiles');
  const dropRate = c.requests.arrived > 0 ? c.dropped / c.requests.arrived : 0;
  box.append(
    tile('Throughput', rps(c.throughput_rps), `${count(c.completed)} requests served`, 'tile-throughput'),
    tile('Dropped', percent(dropRate, 2), `${count(c.dropped)} turned away${c.dropped_by_reason.timeout > 0 ? ` (${count(c.dropped_by_reason.timeout)} timed out)` : ''}`, 'tile-drops'),
    tile('Cost', `${usd(cost.per_hour_usd)} / h`, Number.isFinite(cost.per_million_requests_usd) ? `${usd(cost.per_million_requests_usd)} per million requests` : 'nothing served', 'tile-cost'),
    tile('Instances busy', percent(c.utilization), `mean batch ${Number(c.mean_batch_size.toFixed(2))} of ${c.config.batching.max_batch_size}`, 'tile-busy'),
  );
  return box;
}

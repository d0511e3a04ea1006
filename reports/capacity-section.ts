// The report's capacity part, from a capacity search of the same scenario (servetwin.capacity/v1):
// the recommendation's headroom in one sentence, a table of every searched candidate — how far its
// load can go, the rates and cost there, and why it breaks — and the definitions behind them as
// notes. HTML here, Markdown lines for reports/markdown.ts; the chart is reports/charts/latency-load.ts.
import type { CandidateCapacity, CapacityResult } from '../config/capacity.js';
import { breaksText, levelText, sustainableText } from '../planner/capacity-format.js';
import { candidateShortLabels } from './labels.js';
import type { CandidateView } from './candidates.js';
import { esc } from './escape.js';
import { num, rps, usd } from './format.js';

/** Rows beyond the frontier and the recommendation are folded when the search covered more than this. */
const FOLD_FROM = 12;

/** "Headroom: ×2.25 — …", or null when the search did not cover the candidate. */
export function headroomLine(capacity: CapacityResult, name: string): string | null {
  const c = capacity.candidates.find((x) => x.name === name);
  if (!c) return null;
  const burst = capacity.search.mode === 'burst';
  const p = `p${+capacity.scenario.slo.percentile.toFixed(3)}`;
  const breaks = c.breaks ? `; just above, it breaks by ${c.breaks.text}` : '';
  if (c.status === 'none') return `Headroom: none — it misses the SLO even at ${levelText(capacity.search.bounds[0], capacity.search.mode)} the load${breaks}.`;
  if (burst) {
    return `Burst tolerance: it meets the SLO up to a peak-to-trough ratio of ${sustainableText(c, capacity)} at the same mean rate${c.headroom !== null ? ` (×${+c.headroom.toPrecision(3)} the scenario’s)` : ''}${breaks}.`;
  }
  const rates = `${rps(c.sustainable_mean_rps!)} req/s mean${c.sustainable_peak_rps !== c.sustainable_mean_rps ? `, ${rps(c.sustainable_peak_rps!)} at peak` : ''}`;
  const headroom = c.status === 'at_bound' ? `≥ ×${num(c.level!)}` : `×${+c.headroom!.toPrecision(3)}`;
  return `Headroom: ${headroom} — it keeps ${p} within the SLO on every seed up to ${rates}${c.status === 'non_monotone' ? ` (non-monotone: it fails at ${c.failures_below.map((l) => levelText(l, 'load')).join(', ')} too)` : ''}${breaks}.`;
}

function labelsOf(capacity: CapacityResult, views: readonly CandidateView[]): (c: CandidateCapacity) => string {
  const fromViews = new Map(views.map((v) => [v.name, v.label]));
  const own = candidateShortLabels(capacity.candidates);
  return (c) => fromViews.get(c.name) ?? own[capacity.candidates.indexOf(c)]!;
}

function split(capacity: CapacityResult, views: readonly CandidateView[]): { shown: CandidateCapacity[]; folded: CandidateCapacity[] } {
  if (capacity.candidates.length <= FOLD_FROM) return { shown: [...capacity.candidates], folded: [] };
  const keep = new Set([...capacity.frontier, ...views.filter((v) => v.recommended || v.runnerUp).map((v) => v.name)]);
  return { shown: capacity.candidates.filter((c) => keep.has(c.name)), folded: capacity.candidates.filter((c) => !keep.has(c.name)) };
}

export function capacityHtml(capacity: CapacityResult, views: readonly CandidateView[]): string {
  const labelOf = labelsOf(capacity, views);
  const usdAxis = capacity.cost_axis === 'usd_per_hour';
  const burst = capacity.search.mode === 'burst';
  const recommended = views.find((v) => v.recommended)?.name;
  const frontier = new Set(capacity.frontier);
  const head = [
    '<th>Candidate</th>',
    `<th class="num">${burst ? 'Max peak/trough' : 'Headroom'}<br><span class="unit">${burst ? 'at the mean rate' : '× the load'}</span></th>`,
    ...(burst ? ['<th class="num">× the<br><span class="unit">scenario’s</span></th>'] : []),
    '<th class="num">Mean<br><span class="unit">req/s</span></th>',
    '<th class="num">Peak<br><span class="unit">req/s</span></th>',
    `<th class="num">Cost there<br><span class="unit">${usdAxis ? '$/hour' : 'instances'}</span></th>`,
    ...(usdAxis ? ['<th class="num">Per $/hour<br><span class="unit">req/s</span></th>'] : []),
    '<th>Breaks by</th>',
  ];
  const row = (c: CandidateCapacity) => {
    const label = labelOf(c);
    const name = label === c.name ? `<span class="name">${esc(c.name)}</span>` : `<span class="label">${esc(label)}</span><br><span class="full">${esc(c.name)}</span>`;
    const marks = `${c.name === recommended ? ' <span title="recommended">★</span>' : ''}${frontier.has(c.name) ? ' <span class="frontier" title="on the capacity frontier">◆</span>' : ''}`;
    const cls = c.name === recommended ? ' class="rec"' : c.status === 'none' ? ' class="miss"' : '';
    return `<tr${cls}>
<td class="cand">${name}${marks}</td>
<td class="num">${esc(sustainableText(c, capacity))}</td>
${burst ? `<td class="num">${c.headroom === null ? '–' : `×${+c.headroom.toPrecision(3)}`}</td>` : ''}
<td class="num">${c.sustainable_mean_rps === null ? '–' : rps(c.sustainable_mean_rps)}</td>
<td class="num">${c.sustainable_peak_rps === null ? '–' : rps(c.sustainable_peak_rps)}</td>
<td class="num">${c.cost_at_level === null ? '–' : usdAxis ? usd(c.cost_at_level) : num(c.cost_at_level)}</td>
${usdAxis ? `<td class="num">${c.qps_per_usd_per_hour === null ? '–' : rps(c.qps_per_usd_per_hour)}</td>` : ''}
<td title="${esc(c.breaks?.text ?? '')}">${esc(breaksText(c))}${c.breaks ? `<br><span class="unit">at ${esc(levelText(c.breaks.level, capacity.search.mode))}, ${esc(topShare(c))}</span>` : ''}</td>
</tr>`;
  };
  const table = (rows: readonly CandidateCapacity[]) => `<div class="table-wrap"><table>
<thead><tr>${head.join('')}</tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody>
</table></div>`;
  const { shown, folded } = split(capacity, views);
  const line = recommended ? headroomLine(capacity, recommended) : null;
  const s = capacity.scenario;
  const intro = burst
    ? `The largest peak-to-trough ratio of the MMPP each candidate survives at the scenario’s mean rate (${rps(capacity.traffic.mean_rps)} req/s), dwell times fixed, with p${num(s.slo.percentile)} ≤ ${num(s.slo.latency_ms)} ms on all ${capacity.seeds.length} seed(s).`
    : `How far each candidate’s load can be scaled (the scenario’s traffic as a whole, ${rps(capacity.traffic.mean_rps)} req/s mean, ${rps(capacity.traffic.peak_rps)} at peak, is ×1) with p${num(s.slo.percentile)} ≤ ${num(s.slo.latency_ms)} ms on all ${capacity.seeds.length} seed(s): bracketing from ×1, then bisection to ${num(capacity.search.tolerance * 100)} %.`;
  return `<section id="capacity">
<h2>Capacity</h2>
${line ? `<p class="headroom"><strong>${esc(line)}</strong></p>` : ''}
<p>${esc(intro)}</p>
${table(shown)}
${folded.length > 0 ? `<details class="folded"><summary>${folded.length} more searched candidates, off the capacity frontier</summary>\n${table(folded)}\n</details>` : ''}
<p class="legend">${esc(['◆ on the capacity frontier: nothing both cheaper at its load and able to take more', 'Per $/hour: sustainable mean req/s per $/hour at that load', 'Breaks by: the largest part of the late requests’ time just above the edge (see the notes)'].join(' · '))}</p>
</section>`;
}

/** "83 % of the late requests' time", the figure behind the reason. */
function topShare(c: CandidateCapacity): string {
  if (!c.breaks) return '';
  if (c.breaks.reason === 'drops') return 'drops over the bound';
  const share = c.breaks.shares[c.breaks.reason] ?? 0;
  return `${Math.round(share * 100)} % of the late requests’ time`;
}

/** The definitions the capacity figures rest on, for the notes. */
export function capacityNotes(capacity: CapacityResult): string[] {
  const mode = capacity.search.mode;
  return [
    `Capacity: a level is ${capacity.search.level}; ${capacity.search.scaling}. Searched between ${levelText(capacity.search.bounds[0], mode)} and ${levelText(capacity.search.bounds[1], mode)}; every level below the edge tried (and ${capacity.search.below_edge_checks.join(', ')} × the edge) must pass too, else the candidate is reported non-monotone.`,
    `Rates: ${capacity.search.rates}.`,
    `Why a candidate breaks: ${capacity.search.attribution}.`,
  ];
}

/** The capacity table as Markdown lines (for report.md); `md` escapes a cell. */
export function capacityMarkdown(capacity: CapacityResult, views: readonly CandidateView[], md: (s: string) => string): string[] {
  const labelOf = labelsOf(capacity, views);
  const recommended = views.find((v) => v.recommended)?.name;
  const line = recommended ? headroomLine(capacity, recommended) : null;
  const usdAxis = capacity.cost_axis === 'usd_per_hour';
  const rows = capacity.candidates.map((c) =>
    [
      md(labelOf(c) === c.name ? c.name : `${labelOf(c)} (${c.name})`),
      md(sustainableText(c, capacity)),
      ...(capacity.search.mode === 'burst' ? [c.headroom === null ? '–' : `×${+c.headroom.toPrecision(3)}`] : []),
      c.sustainable_mean_rps === null ? '–' : rps(c.sustainable_mean_rps),
      c.cost_at_level === null ? '–' : usdAxis ? usd(c.cost_at_level) : num(c.cost_at_level),
      md(breaksText(c)),
    ].join(' | '),
  );
  return [
    '### Capacity',
    '',
    ...(line ? [md(line), ''] : []),
    `| Candidate | ${capacity.search.mode === 'burst' ? 'Max peak/trough | × the scenario’s' : 'Headroom'} | Mean req/s | ${usdAxis ? '$/hour there' : 'Instances'} | Breaks by |`,
    `|---|---:|${capacity.search.mode === 'burst' ? '---:|' : ''}---:|---:|---|`,
    ...rows.map((r) => `| ${r} |`),
    '',
  ];
}

// The HTML report: one self-contained file (inline CSS and SVG charts, no scripts, no external
// assets) with the scenario and SLO, the recommendation or why there is none, a table of every
// candidate, the charts, and footnotes. Every string that came from the result goes through esc().
import type { Chart } from './charts/index.js';
import { type CandidateView, FOLD_RATIO, foldViews, latencyColumns } from './candidates.js';
import { count, ms, num, pct, pctDown, rps, usd } from './format.js';
import type { StoredResult } from '../config/result.js';
import { configParts, footnotes, runText, sloNote, sloText, verdict } from './summary.js';
import { esc } from './escape.js';
import { capacityHtml, capacityNotes } from './capacity-section.js';
import type { CapacityResult } from '../config/capacity.js';

export interface RenderedChart {
  chart: Chart;
  /** The chart's SVG, ids already scoped to the chart (reports/render.ts scopeSvgIds). */
  svg: string;
}

export interface HtmlInput {
  result: StoredResult;
  views: readonly CandidateView[];
  charts: readonly RenderedChart[];
  charted: { charted: number; total: number; timeSeries: number };
  /** Where the result came from (shown in the footer), e.g. the file name. */
  source?: string;
  /** Sections rendered elsewhere (e.g. reports/explain-html.ts), placed after the charts, with their CSS. */
  extraSections?: readonly { html: string; css: string }[];
  /** A capacity search of the same scenario, and where it came from. */
  capacity?: CapacityResult;
  capacitySource?: string;
}

/** Rows beyond this are summarised in one line (the Markdown and the JSON have them all). */
export const MAX_TABLE_ROWS = 1000;

export { esc } from './escape.js';

export function renderHtml(input: HtmlInput): string {
  const { result } = input;
  const s = result.scenario;
  const title = `servetwin report: ${s.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}${(input.extraSections ?? []).map((x) => x.css).join('')}</style>
</head>
<body>
<main>
<header>
<p class="kicker">servetwin report</p>
<h1>${esc(s.name)}</h1>
<p class="run">${esc(runText(result))} · ${esc(s.profile.kind)} profile</p>
<p class="slo">SLO <strong>${esc(sloText(result))}</strong> <span class="muted">(${esc(num(s.slo.percentile))} % of requests within ${esc(num(s.slo.latency_ms))} ms end to end; drops count as misses)</span></p>
</header>
${verdictSection(input)}
${tableSection(input)}
${input.capacity ? capacityHtml(input.capacity, input.views) : ''}
${chartsSection(input)}
${(input.extraSections ?? []).map((x) => x.html).join('\n')}
${footer(input)}
</main>
</body>
</html>
`;
}

function verdictSection({ result, views, capacity }: HtmlInput): string {
  const v = verdict(result, views, capacity);
  const cls = { recommended: 'ok', none: 'bad', unranked: 'info' }[v.kind];
  const config = v.servingConfig
    ? `<details><summary>Serving config for <code>servetwin serve --config</code></summary><pre>${esc(v.servingConfig)}</pre></details>`
    : '';
  return `<section class="verdict ${cls}">
<h2>${esc(v.headline)}</h2>
${v.details.map((d) => `<p>${esc(d)}</p>`).join('\n')}
${config}
</section>`;
}

function tableSection({ result, views }: HtmlInput): string {
  const priced = views.some((v) => v.costPerHour !== null);
  const seeds = Math.max(...views.map((v) => v.seedCount), 1);
  const columns = latencyColumns(result);
  const marked = views.some((v) => v.recommended || v.onFrontier);
  const latencyHead = columns.map((col) => `<th class="num${col.slo ? ' slo-col' : ''}">${esc(col.label)}<br><span class="unit">ms</span></th>`);
  const head = [
    marked ? '<th class="mark" aria-label="role"></th>' : '',
    '<th>Candidate</th>',
    ...latencyHead,
    `<th class="num">SLO<br><span class="unit">attainment${seeds > 1 ? ', worst seed' : ''}</span></th>`,
    '<th class="num">Throughput<br><span class="unit">req/s</span></th>',
    '<th class="num">Dropped</th>',
    '<th class="num">Mean<br><span class="unit">batch</span></th>',
    '<th class="num">Busy</th>',
    ...(priced ? ['<th class="num">Cost<br><span class="unit">$/hour</span></th>', '<th class="num">Cost<br><span class="unit">$/1M req</span></th>'] : []),
  ];
  const { shown: near, folded } = foldViews(views);
  const shown = near.slice(0, MAX_TABLE_ROWS);
  const hidden = folded.slice(0, Math.max(0, MAX_TABLE_ROWS - shown.length));
  const row = (v: CandidateView) => {
    const c = v.candidate;
    const cls = [v.recommended ? 'rec' : '', v.meets ? '' : 'miss'].filter(Boolean).join(' ');
    const marks = `${v.recommended ? '<span title="recommended">★</span>' : ''}${v.onFrontier ? '<span class="frontier" title="on the Pareto frontier">◆</span>' : ''}`;
    const latency = columns.map((col) => `<td class="num${col.slo ? ' slo-col' : ''}">${ms(col.value(v))}</td>`);
    const met = v.meets ? 'met' : 'missed';
    const metText = v.seedCount > 1 ? `${met} ${v.seedsMet}/${v.seedCount}` : met;
    const name = v.label === c.name ? `<span class="name">${esc(c.name)}</span>` : `<span class="label">${esc(v.label)}</span><br><span class="full" title="full name">${esc(c.name)}</span>`;
    return `<tr${cls ? ` class="${cls}"` : ''}>
${marked ? `<td class="mark">${marks}</td>` : ''}
<td class="cand">${name}<br><span class="config">${configParts(c).map((part) => `<span class="nw">${esc(part)}</span>`).join(' · ')}</span></td>
${latency.join('')}
<td class="num"><span class="badge ${met}">${metText}</span><br><span class="unit">${pctDown(v.worstAttainment)}</span></td>
<td class="num">${rps(c.throughput_rps)}</td>
<td class="num">${c.dropped > 0 ? `${pct(v.dropRate, 2)}<br><span class="unit">${count(c.dropped)}</span>` : '0'}</td>
<td class="num">${c.mean_batch_size.toFixed(2)}</td>
<td class="num">${pct(c.utilization)}</td>
${priced ? `<td class="num">${usd(v.costPerHour)}</td><td class="num">${usd(v.costPerMillion)}</td>` : ''}
</tr>`;
  };
  const table = (rows: readonly CandidateView[]) => `<div class="table-wrap"><table>
<thead><tr>${head.join('')}</tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody>
</table></div>`;
  const rest = views.length - shown.length - hidden.length;
  const more = rest > 0 ? `<p class="muted">… and ${rest} more candidates (see the result JSON or the Markdown summary).</p>` : '';
  const fold =
    hidden.length > 0
      ? `<details class="folded"><summary>${hidden.length} more candidate${hidden.length === 1 ? '' : 's'} far from the frontier (latency at the SLO’s percentile over ${FOLD_RATIO}× what the frontier reaches at the same cost or less)</summary>
${table(hidden)}
</details>`
      : '';
  const legend = [
    views.some((v) => v.recommended) ? '★ recommended' : '',
    views.some((v) => v.onFrontier) ? '◆ on the cost / latency Pareto frontier' : '',
    views.some((v) => v.label !== v.name) ? 'each candidate is labelled by what sets it apart (b: max batch size, ms: max queue delay, rep: replicas), its full name below' : '',
    `the shaded column is the SLO’s percentile${sloNote(result)}`,
    'Busy: mean share of instances executing a batch',
    priced ? 'sorted by cost' : '',
  ].filter(Boolean);
  return `<section>
<h2>Candidates</h2>
${table(shown)}
${fold}
${more}
<p class="legend">${esc(legend.join(' · '))}</p>
</section>`;
}

function chartsSection({ charts }: HtmlInput): string {
  if (charts.length === 0) return '';
  const figures = charts.map(
    ({ chart, svg }) => `<figure id="${esc(chart.id)}">
<div class="chart">${svg}</div>
<figcaption>${esc(chart.caption)}</figcaption>
</figure>`,
  );
  return `<section>
<h2>Charts</h2>
${figures.join('\n')}
</section>`;
}

function footer({ result, charted, source, capacity, capacitySource }: HtmlInput): string {
  const notes = [...footnotes(result, charted), ...(capacity ? capacityNotes(capacity) : [])];
  const from = source ? `Made by <code>servetwin report</code> from ${esc(source)} (${esc(result.schema)})` : `Made by <code>servetwin report</code> (${esc(result.schema)})`;
  const also = capacity ? ` and ${capacitySource ? `${esc(capacitySource)} ` : ''}(${esc(capacity.schema)})` : '';
  return `<footer>
<h2>Notes</h2>
<ol>
${notes.map((n) => `<li>${esc(n)}</li>`).join('\n')}
</ol>
<p class="muted">${from}${also}.</p>
</footer>`;
}

const CSS = `
:root { --fg: #1d232a; --muted: #5f6b76; --line: #e3e7eb; --ok: #2e7d32; --bad: #c0392b; --info: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, Helvetica, Arial, sans-serif; }
main { max-width: 1160px; margin: 0 auto; padding: 28px 28px 48px; background: white; min-height: 100vh; }
h1 { font-size: 28px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 28px 0 10px; }
header .kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
header p { margin: 2px 0; }
.run, .muted, .legend { color: var(--muted); }
.legend, .muted { font-size: 13px; }
.slo strong { font-size: 17px; }
.verdict { margin: 20px 0 8px; padding: 14px 18px; border-left: 5px solid var(--info); background: #eef4fb; border-radius: 4px; }
.verdict.ok { border-color: var(--ok); background: #edf7ee; }
.verdict.bad { border-color: var(--bad); background: #fcefed; }
.verdict h2 { margin: 0 0 6px; overflow-wrap: anywhere; }
.verdict p { margin: 4px 0; overflow-wrap: anywhere; }
details { margin-top: 8px; }
summary { cursor: pointer; color: var(--info); }
pre { background: #f3f4f6; padding: 10px 12px; border-radius: 4px; overflow-x: auto; font-size: 12.5px; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 6px 7px; border-bottom: 1px solid var(--line); vertical-align: top; text-align: left; }
th { font-weight: 600; border-bottom: 2px solid #cfd6dc; white-space: nowrap; vertical-align: bottom; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.slo-col { background: #f4f7fb; }
.unit { color: var(--muted); font-weight: normal; font-size: 12px; }
.name, .label { font-weight: 600; overflow-wrap: anywhere; }
.full { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
details.folded > summary { margin: 10px 0; font-size: 13.5px; }
.config { color: var(--muted); font-size: 12.5px; }
td.cand { min-width: 200px; max-width: 320px; }
.nw { white-space: nowrap; }
td.mark { width: 2.2em; color: #e69f00; font-size: 15px; white-space: nowrap; }
.frontier { color: #1f5fa8; }
tr.rec td { background: #fff8e6; }
tr.rec td.slo-col { background: #fbf1d6; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.badge.met { background: #e3f2e5; color: var(--ok); }
.badge.missed { background: #fbe4e1; color: var(--bad); }
figure { margin: 18px 0 30px; }
.chart svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13.5px; max-width: 860px; margin-top: 4px; }
footer { margin-top: 36px; border-top: 1px solid var(--line); font-size: 13.5px; color: var(--muted); }
footer ol { padding-left: 20px; }
footer li { margin: 4px 0; overflow-wrap: anywhere; }
`;

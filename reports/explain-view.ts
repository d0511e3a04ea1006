// The explanation (servetwin.explain/v1, built by explain/explain.ts) laid out once for a reader:
// per candidate, the seven sections of the issue in order — load and stations, closed forms beside
// the simulation, batching, Little's law, the latency budget (a stacked bar), cost, why — as titled
// blocks of sentences, tables and bars. reports/explain-text.ts, explain-markdown.ts and
// explain-html.ts only typeset these blocks, so the wording and the figures are the same in the
// terminal, in Markdown and in the HTML report.
import type { CandidateExplanation, ClosedForm, Columns, Explanation, PoolExplanation } from '../config/explain.js';

export interface Table {
  head: string[];
  rows: string[][];
}

export interface BarSegment {
  part: string;
  label: string;
  ms: number;
}

export interface Bar {
  label: string;
  segments: BarSegment[];
  totalMs: number;
}

export type Block = { kind: 'text'; text: string } | { kind: 'table'; table: Table } | { kind: 'list'; items: string[] } | { kind: 'bars'; bars: Bar[] };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface CandidateLayout {
  name: string;
  headline: string;
  sections: Section[];
}

export interface ExplanationLayout {
  title: string;
  intro: string[];
  candidates: CandidateLayout[];
  notes: string[];
}

/** Parts of the latency budget in the order a request meets them; the renderers colour them by `part`. */
export const BUDGET_PARTS = ['network', 'serving_overhead', 'batch_wait', 'queue', 'forward_pass'] as const;

export function layoutExplanation(e: Explanation): ExplanationLayout {
  const s = e.scenario;
  const intro = [
    `${s.file ?? s.name} · ${s.traffic} traffic · ${s.profile.kind} profile (${s.profile.source}) · seed ${s.seed}${s.seeds > 1 ? `, judged on ${s.seeds} seeds` : ''} · ${num(s.measured_s)} s measured`,
    `SLO: p${num(s.slo.percentile)} ≤ ${num(s.slo.latency_ms)} ms end to end, at most ${pct(s.slo.max_drop_rate, 2)} dropped.`,
    e.recommendation ? (e.recommendation.name ? `Recommended: ${e.recommendation.name}. ${e.recommendation.reason}` : `No recommendation. ${e.recommendation.reason}`) : 'No recommendation in this result.',
    `Why a candidate lost names one constraint, by the rule ${e.attribution_rule}`,
    `Columns: "formula" is the closed form or hand arithmetic from the profile, "simulated" the discrete-event simulation${e.candidates.some((c) => c.fidelity) ? ', "measured" the live engine in a replay' : ''}; "–" means there is no figure (the text says why).`,
  ];
  return { title: `servetwin explain: ${s.name}`, intro, candidates: e.candidates.map((c) => layoutCandidate(c)), notes: e.notes };
}

function layoutCandidate(c: CandidateExplanation): CandidateLayout {
  const mark = c.why.outcome === 'recommended' ? ' ★ recommended' : c.slo_met ? ' (meets the SLO on its first seed)' : ' (misses the SLO)';
  const measured = c.fidelity !== null;
  const sections: Section[] = [];
  c.pools.forEach((p) => sections.push(...poolSections(p, c.pools.length > 1, measured)));
  sections.push(littleSection(c), budgetSection(c, measured), costSection(c), whySection(c));
  return { name: c.name, headline: `${c.name}${mark} — ${c.summary}`, sections };
}

function poolSections(p: PoolExplanation, several: boolean, measured: boolean): Section[] {
  const tag = several ? ` — ${p.label}` : '';
  const l = p.load;
  const cols = columnHeads(measured);
  const load: Block[] = [
    {
      kind: 'text',
      text: `Offered load λ = ${rate(l.offered_rps)} requests/s (${l.offered_from})${l.peak_rps !== null && l.peak_rps > l.offered_rps * 1.01 ? `, peaking at ${rate(l.peak_rps)}` : ''}; ${rate(l.arrived_rps)} arrived in the simulation. ${l.pools > 1 ? `${l.pools} pools, ` : ''}${num(l.replicas)} replica(s)${l.pools > 1 ? ' each' : ''}: λ = ${rate(l.per_replica_rps)} per replica, ${l.items_per_request} item(s) per request.`,
    },
    { kind: 'text', text: `Service time per batch size S(b): ${p.service.source}. Capacity of one instance = b / S(b).` },
    {
      kind: 'table',
      table: {
        head: ['batch b (items)', 'S(b) ms', 'Cs²', 'b/S(b) items/s'],
        rows: p.service.rows.map((r) => [String(r.batch_size), ms(r.mean_ms), r.scv === null ? '–' : num3(r.scv), rate(r.items_per_s)]),
      },
    },
  ];
  if (p.service.scv_note) load.push({ kind: 'text', text: `Cs²: ${p.service.scv_note}.` });
  load.push({
    kind: 'table',
    table: {
      head: ['station', 'work per request', 'capacity per replica', ...cols.map((h) => `ρ ${h}`)],
      rows: p.stations.map((st) => [st.label, `${ms(st.work_ms_per_request)} ms`, st.capacity_rps === null ? '–' : `${rate(st.capacity_rps)} req/s`, ...cells(st.utilization, measured, ratio)]),
    },
  });
  load.push({ kind: 'list', items: p.stations.filter((st) => st.note).map((st) => `${st.label}: ${st.note}`) });
  const b = p.bottleneck;
  load.push({
    kind: 'text',
    text: b.stable
      ? `Bottleneck: ${label(p, b.station)} at ρ = ${ratio(b.utilization)} — the first station to saturate as load grows (at ρ → 1 its queue grows without bound).`
      : `Bottleneck: ${label(p, b.station)} at ρ = ${ratio(b.utilization)} ≥ 1 — more work arrives than it can do: the queue grows until requests are dropped or time out.`,
  });

  const cf = p.closed_forms;
  const forms: Block[] = [
    {
      kind: 'text',
      text: `Each replica is one queue: c = ${cf.servers} instance(s), λ = ${rate(cf.arrival_rps)}/s, E[S] = ${ms(cf.service_ms)} ms for a request alone, ρ = λ·E[S]/c = ${ratio(cf.utilization)}${p.batching.batch_limit_requests > 1 ? ' if every request ran alone' : ''}, Ca² = ${cf.ca2 === null ? '–' : num3(cf.ca2)}, Cs² = ${cf.cs2 === null ? '–' : num3(cf.cs2)}${cf.index_of_dispersion !== null && cf.index_of_dispersion !== 1 ? `, I(∞) = ${num3(cf.index_of_dispersion)}` : ''}. Arrivals: ${cf.arrivals_note}.`,
    },
    {
      kind: 'table',
      table: {
        head: ['', 'P(wait)', 'Wq ms (mean wait)', 'W ms (wait + service)'],
        rows: [
          ...cf.forms.map((f) => [formName(f), f.p_wait === null ? '–' : ratio(f.p_wait), f.wait_ms === null ? '–' : ms(f.wait_ms), f.sojourn_ms === null ? '–' : ms(f.sojourn_ms)]),
          ['simulation', '–', ms(cf.wait_ms.simulated), ms(cf.sojourn_ms.simulated)],
          ...(measured ? [['measured (replay)', '–', ms(cf.wait_ms.measured), ms(cf.sojourn_ms.measured)]] : []),
        ],
      },
    },
    { kind: 'list', items: cf.forms.map((f) => formNote(f)) },
  ];

  const bt = p.batching;
  const batching: Block[] = [
    {
      kind: 'text',
      text:
        bt.batch_limit_requests === 1
          ? `No batching: max_batch_size ${bt.max_batch_size} holds one request of ${l.items_per_request} item(s), so every request runs alone.`
          : bt.max_queue_delay_ms === 0
            ? `max_batch_size ${bt.max_batch_size}, max_queue_delay_ms 0: no window — a batch takes what is queued (up to ${bt.batch_limit_requests} requests) the moment an instance is free, so it costs no waiting and batches form only while every instance is busy.`
            : `max_batch_size ${bt.max_batch_size}, max_queue_delay_ms ${num(bt.max_queue_delay_ms)}: a batch goes when it holds ${bt.batch_limit_requests} requests or its first request has waited ${num(bt.max_queue_delay_ms)} ms. At λ = ${rate(l.per_replica_rps)}/s per replica, with an instance free, the window collects ${num3(bt.window_batch_requests)} request(s) on average and costs each request ${ms(bt.window_wait_ms)} ms of waiting (the first waits up to ${num(bt.max_queue_delay_ms)} ms).`,
    },
    {
      kind: 'table',
      table: {
        head: ['', ...cols],
        rows: [['mean batch (items)', ...cells(bt.mean_batch_items, measured, num3)]],
      },
    },
    {
      kind: 'text',
      text: `Throughput of one instance: ${rate(bt.throughput_rps.unbatched)} req/s one at a time, ${bt.throughput_rps.at_mean_batch === null ? '–' : rate(bt.throughput_rps.at_mean_batch)} at the simulated mean batch, ${rate(bt.throughput_rps.at_full_batch)} with every batch full${bt.gain !== null && bt.gain > 1.005 ? ` — batching bought ×${num3(bt.gain)}` : ''}.`,
    },
    {
      kind: 'text',
      text: bt.split.recorded
        ? `The batcher wait (${ms(bt.split.queue_ms)} ms mean) splits into ${ms(bt.split.batch_wait_ms)} ms waiting for the batch to fill (an instance was free) and ${ms(bt.split.instance_wait_ms)} ms waiting for a free instance.`
        : `The batcher wait (${ms(bt.split.queue_ms)} ms mean) is not split in this result: "waiting for the batch to fill" and "waiting for a free instance" are not recorded.`,
    },
  ];
  if (bt.notes.length > 0) batching.push({ kind: 'list', items: bt.notes });
  return [
    { title: `1. Load and stations${tag}`, blocks: load },
    { title: `2. Closed forms beside the simulation${tag}`, blocks: forms },
    { title: `3. Batching${tag}`, blocks: batching },
  ];
}

function littleSection(c: CandidateExplanation): Section {
  const ll = c.littles_law;
  const row = (what: string, x: { series: number | null; lambda_w: number | null; relative_error: number | null }) => [what, num3(x.series), num3(x.lambda_w), x.relative_error === null ? '–' : signedPct(x.relative_error)];
  return {
    title: "4. Little's law on the simulation's counts",
    blocks: [
      { kind: 'text', text: `L = λW: the mean number of requests at the replicas equals the throughput (λ = ${rate(ll.throughput_rps)}/s) times the mean time they spend there. L is read from the time series (${ll.intervals} intervals of the measured window), W from the latency statistics: two independent counters of the simulator.` },
      { kind: 'table', table: { head: ['', 'L (time series)', 'λ·W', 'difference'], rows: [row('in the replicas (queue + service)', ll.in_system), row('in the queue alone (Lq = λ·Wq)', ll.in_queue)] } },
      { kind: 'text', text: ll.note },
    ],
  };
}

function budgetSection(c: CandidateExplanation, measured: boolean): Section {
  const b = c.latency_budget;
  const ordered = BUDGET_PARTS.map((part) => b.parts.find((p) => p.part === part)!).filter(Boolean);
  const bar = (label: string, pick: (x: Columns) => number | null, total: number | null): Bar | null => {
    const segments: { part: string; label: string; ms: number | null }[] = ordered.map((p) => ({ part: p.part, label: p.label, ms: pick(p.ms) }));
    if (segments.every((s) => s.ms === null)) return null;
    const known = segments.filter((s): s is BarSegment => s.ms !== null && s.ms > 0);
    return { label, segments: known, totalMs: total ?? known.reduce((a, s) => a + s.ms, 0) };
  };
  const bars = [bar(b.total_ms.formula === null ? 'formula (no queue term)' : 'formula', (x) => x.formula, b.total_ms.formula), bar('simulated', (x) => x.simulated, b.total_ms.simulated), measured ? bar('measured', (x) => x.measured, b.total_ms.measured) : null].filter((x): x is Bar => x !== null);
  const legs = b.network.filter((l) => l.rtt_ms > 0 || l.transfer_ms > 0 || b.network.length > 1);
  const blocks: Block[] = [
    { kind: 'text', text: 'Where the mean end-to-end latency goes (means add up; percentiles do not).' },
    { kind: 'table', table: { head: ['part (mean ms)', ...columnHeads(measured)], rows: [...ordered.map((p) => [p.label, ...cells(p.ms, measured, ms)]), ['end to end', ...cells(b.total_ms, measured, ms)]] } },
    { kind: 'bars', bars },
  ];
  if (legs.length > 0) {
    blocks.push({
      kind: 'table',
      table: {
        head: ['site', 'tier', 'share', 'round trip ms', 'payload ÷ bandwidth ms', 'network ms'],
        rows: legs.map((l) => [l.site ?? '(all clients)', l.tier, pct(l.share, 0), ms(l.rtt_ms), ms(l.transfer_ms), ms(l.rtt_ms + l.transfer_ms)]),
      },
    });
  }
  if (b.notes.length > 0) blocks.push({ kind: 'list', items: b.notes });
  return { title: '5. Latency budget', blocks };
}

function costSection(c: CandidateExplanation): Section {
  const k = c.cost;
  const blocks: Block[] = [
    {
      kind: 'text',
      text: `${k.pricing} pricing: ${usd(k.per_hour_usd.formula)}/h by hand (${k.notes[0] ?? ''})${k.per_hour_usd.simulated === null ? '' : `, ${usd(k.per_hour_usd.simulated)}/h as the planner priced the run`}; ${k.per_million_requests_usd === null ? 'nothing completed' : `${usd(k.per_million_requests_usd)} per million requests`}.`,
    },
  ];
  if (k.autoscaling) {
    const a = k.autoscaling;
    blocks.push({
      kind: 'text',
      text: `Autoscaling: holding its peak of ${num(a.peak_replicas)} replica(s) all the time would cost ${usd(a.always_on_per_hour_usd)}/h; it saved ${usd(a.saved_per_hour_usd)}/h${a.saved_share === null ? '' : ` (${pct(a.saved_share, 0)})`}${a.zero_share !== null && a.zero_share > 0 ? `, with no replica at all for ${pct(a.zero_share, 1)} of the window` : ''}.`,
    });
  }
  if (k.notes.length > 1) blocks.push({ kind: 'list', items: k.notes.slice(1) });
  return { title: '6. Cost', blocks };
}

function whySection(c: CandidateExplanation): Section {
  const w = c.why;
  const text =
    w.outcome === 'recommended'
      ? `Won: ${w.detail}`
      : `${w.outcome === 'rejected' ? 'Rejected' : 'Not recommended'}${w.constraint ? ` by ${w.constraint}` : ''}: ${w.detail}.`;
  return { title: '7. Why', blocks: [{ kind: 'text', text }] };
}

// ---- cells -------------------------------------------------------------------------------------

function columnHeads(measured: boolean): string[] {
  return measured ? ['formula', 'simulated', 'measured'] : ['formula', 'simulated'];
}

function cells(c: Columns, measured: boolean, f: (x: number) => string): string[] {
  const show = (x: number | null) => (x === null ? '–' : f(x));
  return measured ? [show(c.formula), show(c.simulated), show(c.measured)] : [show(c.formula), show(c.simulated)];
}

function formName(f: ClosedForm): string {
  return { erlang_c: 'Erlang C', pollaczek_khinchine: 'Pollaczek–Khinchine', allen_cunneen: 'Allen–Cunneen' }[f.formula] + ` (${f.model})`;
}

function formNote(f: ClosedForm): string {
  const name = formName(f);
  if (!f.applicable) return `${name}: ${f.why_empty}. It assumes ${f.assumptions.join(', ')}.`;
  const broken = f.broken.length > 0 ? ` Broken here, so the number is a reference: ${f.broken.join('; ')}.` : ' Every assumption holds here.';
  return `${name} assumes ${f.assumptions.join(', ')}.${broken} (${f.source})`;
}

function label(p: PoolExplanation, station: string): string {
  return p.stations.find((s) => s.name === station)?.label ?? station;
}

export function ms(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a < 0.01) return x.toExponential(1);
  if (a < 10) return x.toFixed(2);
  if (a < 100) return x.toFixed(1);
  return thousands(Math.round(x));
}

function ratio(x: number): string {
  return x.toFixed(x < 10 ? 3 : 1);
}

function num3(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '–' : String(+x.toPrecision(3));
}

function num(x: number): string {
  return String(+x.toPrecision(6));
}

function rate(x: number): string {
  return Math.abs(x) >= 100 ? thousands(Math.round(x)) : String(+x.toPrecision(3));
}

function pct(x: number, digits: number): string {
  return `${(x * 100).toFixed(digits)} %`;
}

function signedPct(x: number): string {
  return `${x >= 0 ? '+' : '−'}${(Math.abs(x) * 100).toFixed(2)} %`;
}

function usd(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '–';
  if (x === 0) return '$0';
  return Math.abs(x) >= 1 ? `$${x.toFixed(2)}` : `$${x.toPrecision(3)}`;
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

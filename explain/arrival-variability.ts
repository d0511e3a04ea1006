// How the scenario's requests arrive, in the two numbers the closed forms need: the mean rate λ
// over the measured window and the variability of the gaps between arrivals (their squared
// coefficient of variation Ca²), and for bursty traffic the number that the gaps' SCV hides, the
// index of dispersion of counts I(∞) = lim Var N(t) / E N(t) (1 for Poisson). Used by
// explain/closed-forms.ts and explain/pools.ts.
//
// I(∞) of a Markov-modulated Poisson process (states i with rates λ_i, generator Q, stationary
// law π, mean rate λ̄ = πλ): Var N(t) = E N(t) + Var ∫λ(s)ds, so
//   I(∞) = 1 + 2 π Λ D λ / λ̄,   D = (eπ − Q)⁻¹ − eπ (the deviation matrix),
// which for two states reduces to 1 + 2 σ₁σ₂(λ₁ − λ₂)² / ((σ₁ + σ₂)²(λ₁σ₂ + λ₂σ₁)), σᵢ the rate of
// leaving state i. Source: W. Fischer and K. Meier-Hellstern, "The Markov-modulated Poisson process
// (MMPP) cookbook", Performance Evaluation 18(2), 1993; the use of I(∞) in place of Ca² for a
// correlated stream is W. Whitt's asymptotic method ("Approximating a point process by a renewal
// process, I: two basic methods", Operations Research 30(1), 1982).
import type { Arrivals } from '../config/scenario.js';
import type { TraceData } from '../simulator/scenario/traffic/trace.js';

export interface ArrivalVariability {
  kind: Arrivals['kind'];
  /** Mean arrivals per second over the measured window as the scenario defines them (null for a trace: see the simulation's count). */
  meanRps: number | null;
  /** The highest rate the scenario reaches in the window (the rate of its busiest state, step or spike). */
  peakRps: number | null;
  /** Squared coefficient of variation of the gaps, where the gaps are independent (Poisson: 1) or measured (a trace). */
  ca2: number | null;
  /** Index of dispersion of counts, I(∞): 1 for Poisson, above 1 for bursts. */
  indexOfDispersion: number | null;
  /** True when the rate changes over time or the gaps are correlated: the renewal assumption of every formula fails. */
  correlated: boolean;
  /** One sentence for a reader: what the arrivals are and why a formula does or does not apply. */
  note: string;
}

export function arrivalVariability(arrivals: Arrivals, window: { fromS: number; toS: number }, trace?: TraceData): ArrivalVariability {
  const span = window.toS - window.fromS;
  switch (arrivals.kind) {
    case 'poisson':
      return { kind: 'poisson', meanRps: arrivals.rate_rps, peakRps: arrivals.rate_rps, ca2: 1, indexOfDispersion: 1, correlated: false, note: `Poisson at ${arrivals.rate_rps} requests/s: independent exponential gaps, Ca² = 1` };
    case 'steps':
    case 'spikes': {
      const pieces = arrivals.kind === 'steps' ? stepPieces(arrivals.steps, window.toS) : spikePieces(arrivals.base_rate_rps, arrivals.spikes, window.toS);
      let sum = 0;
      let peak = 0;
      for (const p of pieces) {
        const from = Math.max(p.fromS, window.fromS);
        const to = Math.min(p.toS, window.toS);
        if (to <= from) continue;
        sum += p.rate * (to - from);
        peak = Math.max(peak, p.rate);
      }
      return { kind: arrivals.kind, meanRps: sum / span, peakRps: peak, ca2: null, indexOfDispersion: null, correlated: true, note: `${arrivals.kind === 'steps' ? 'piecewise-constant' : 'spiking'} Poisson rate (mean ${fmt(sum / span)}, peak ${fmt(peak)} requests/s): not stationary, so no steady state for a formula` };
    }
    case 'diurnal': {
      // ∫ m (1 + A cos(2π (t − p)/P)) dt over the window, in closed form.
      const { mean_rate_rps: m, amplitude: a, period_s: period, peak_at_s: p } = arrivals;
      const w = (2 * Math.PI) / period;
      const integral = m * span + ((m * a) / w) * (Math.sin(w * (window.toS - p)) - Math.sin(w * (window.fromS - p)));
      return { kind: 'diurnal', meanRps: integral / span, peakRps: m * (1 + a), ca2: null, indexOfDispersion: null, correlated: true, note: `a daily curve between ${fmt(m * (1 - a))} and ${fmt(m * (1 + a))} requests/s: not stationary, so no steady state for a formula` };
    }
    case 'mmpp': {
      const rates = arrivals.states.map((s) => s.rate_rps);
      const dwell = arrivals.states.map((s) => s.mean_dwell_s);
      const total = dwell.reduce((a, x) => a + x, 0);
      const mean = rates.reduce((a, r, i) => a + r * dwell[i]!, 0) / total;
      const index = mmppIndexOfDispersion(rates, dwell);
      const states = arrivals.states.map((s, i) => `${s.name ?? `state ${i}`} ${fmt(s.rate_rps)}/s for ${fmt(s.mean_dwell_s)} s`).join(', ');
      return {
        kind: 'mmpp',
        meanRps: mean,
        peakRps: Math.max(...rates),
        ca2: null,
        indexOfDispersion: index,
        correlated: true,
        note: `bursty (MMPP: ${states}; mean ${fmt(mean)} requests/s): consecutive gaps are correlated, so the gaps' SCV understates the burstiness; the index of dispersion of counts is I(∞) = ${fmt(index)} (Poisson: 1)`,
      };
    }
    case 'trace': {
      const ca2 = trace ? gapScv(trace.timesMs) : null;
      return {
        kind: 'trace',
        meanRps: null,
        peakRps: null,
        ca2,
        indexOfDispersion: null,
        correlated: true,
        note: `a recorded trace${ca2 === null ? '' : ` (its gaps have Ca² = ${fmt(ca2)})`}: its rate may drift and its gaps may be correlated, which no two-moment formula sees`,
      };
    }
  }
}

interface Piece {
  fromS: number;
  toS: number;
  rate: number;
}

function stepPieces(steps: readonly { at_s: number; rate_rps: number }[], endS: number): Piece[] {
  return steps.map((s, i) => ({ fromS: s.at_s, toS: steps[i + 1]?.at_s ?? endS, rate: s.rate_rps }));
}

function spikePieces(base: number, spikes: readonly { at_s: number; duration_s: number; rate_rps: number }[], endS: number): Piece[] {
  const pieces: Piece[] = [];
  let t = 0;
  for (const s of spikes) {
    if (s.at_s > t) pieces.push({ fromS: t, toS: s.at_s, rate: base });
    pieces.push({ fromS: s.at_s, toS: s.at_s + s.duration_s, rate: s.rate_rps });
    t = s.at_s + s.duration_s;
  }
  if (t < endS) pieces.push({ fromS: t, toS: endS, rate: base });
  return pieces;
}

/**
 * I(∞) of an MMPP whose states follow one another in a cycle (state i lasts an exponential time of
 * mean dwell_i, then state i+1; the last returns to the first), as the simulator runs it.
 */
export function mmppIndexOfDispersion(rates: readonly number[], dwellS: readonly number[]): number {
  const n = rates.length;
  const total = dwellS.reduce((a, x) => a + x, 0);
  const pi = dwellS.map((d) => d / total); // a cycle spends time in each state in proportion to its dwell
  const mean = rates.reduce((a, r, i) => a + r * pi[i]!, 0);
  if (mean === 0) return 1;
  // Q: leave state i at rate 1/dwell_i, to state i+1 (mod n).
  const q = Array.from({ length: n }, (_, i) => {
    const row = new Array<number>(n).fill(0);
    row[i] = -1 / dwellS[i]!;
    row[(i + 1) % n] = (row[(i + 1) % n] ?? 0) + 1 / dwellS[i]!;
    return row;
  });
  // x = (eπ − Q)⁻¹ λ; then D λ = x − e (πλ).
  const m = q.map((row) => row.map((v, j) => pi[j]! - v));
  const x = solve(m, [...rates]);
  let acc = 0;
  for (let i = 0; i < n; i++) acc += pi[i]! * rates[i]! * (x[i]! - mean);
  return 1 + (2 * acc) / mean;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and non-singular). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / a[col]![col]!;
      for (let k = col; k < n; k++) a[r]![k]! -= f * a[col]![k]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r]![k]! * x[k]!;
    x[r] = s / a[r]![r]!;
  }
  return x;
}

/** SCV of the gaps between consecutive times (sorted ascending). */
function gapScv(timesMs: Float64Array): number | null {
  const n = timesMs.length - 1;
  if (n < 2) return null;
  let sum = 0;
  let sq = 0;
  for (let i = 1; i <= n; i++) {
    const g = timesMs[i]! - timesMs[i - 1]!;
    sum += g;
    sq += g * g;
  }
  const mean = sum / n;
  if (mean === 0) return null;
  return (sq / n - mean * mean) / (mean * mean);
}

function fmt(x: number): string {
  return String(+x.toPrecision(3));
}

// Numbers as the page shows them: latencies to three significant digits (the simulator's
// percentiles are HDR values of that precision), rates, counts, shares and prices.

export function ms(v: number): string {
  if (v === 0) return '0 ms';
  return `${v >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3))} ms`;
}

export function rps(v: number): string {
  return `${v >= 100 ? v.toFixed(0) : Number(v.toPrecision(3))} req/s`;
}

export function count(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

export function percent(fraction: number, digits = 1): string {
  return `${(fraction * 100).toFixed(digits)} %`;
}

export function usd(v: number): string {
  if (v === 0) return '$0';
  return v >= 100 ? `$${v.toFixed(0)}` : v >= 1 ? `$${v.toFixed(2)}` : `$${Number(v.toPrecision(3))}`;
}

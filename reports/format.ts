// Number formatting shared by the HTML page, the Markdown summary and the chart captions, so a
// figure reads the same everywhere: ms to about three significant digits, shares as percentages
// (attainment rounded down, so a miss never prints as the target), dollars with cents or finer.

/** 3.261 → "3.26", 14.4 → "14.4", 102.3 → "102"; "–" when not a finite number. */
export function ms(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a < 10) return x.toFixed(2);
  if (a < 100) return x.toFixed(1);
  return thousands(Math.round(x));
}

/** A fraction as a percentage with `digits` decimals, rounded down (0.98999 → "98.99 %"). */
export function pctDown(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '–';
  const f = 10 ** digits;
  return `${(Math.floor(x * 100 * f + 1e-9) / f).toFixed(digits)} %`;
}

/** A fraction as a percentage, rounded to nearest (0.834 → "83.4 %"). */
export function pct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return '–';
  return `${(x * 100).toFixed(digits)} %`;
}

/** Dollars: "$12.34", "$0.0421", "–" for null (priced at infinity: nothing completed). */
export function usd(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a === 0) return '$0';
  if (a >= 100) return `$${thousands(Math.round(x))}`;
  if (a >= 1) return `$${x.toFixed(2)}`;
  return `$${x.toPrecision(3)}`;
}

/** Requests per second: "899", "12.5". */
export function rps(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return Math.abs(x) >= 100 ? thousands(Math.round(x)) : x.toFixed(1);
}

/** An integer count with thousands separators. */
export function count(x: number): string {
  return Number.isFinite(x) ? thousands(Math.round(x)) : '–';
}

/** Seconds as a person says them: "110 s", "2.5 h", "1 d 4 h". */
export function duration(s: number): string {
  if (s < 120) return `${+s.toFixed(1)} s`;
  if (s < 7200) return `${+(s / 60).toFixed(1)} min`;
  if (s < 172_800) return `${+(s / 3600).toFixed(1)} h`;
  return `${+(s / 86_400).toFixed(1)} d`;
}

/** A configured value as written, without float noise or padding: 25 → "25", 0.5 → "0.5". */
export function num(x: number): string {
  return Number.isFinite(x) ? String(+x.toPrecision(6)) : '–';
}

/** An integer as toLocaleString('en') writes it (1234567 → "1,234,567"), without loading ICU's number formatting (~15 ms a start). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

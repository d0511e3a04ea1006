// Draws a vega-lite spec to SVG without a browser or canvas (vega's headless View, renderer
// 'none'; text widths are estimated), and an SVG to PNG with resvg. Also makes the ids inside an
// SVG unique, since several inline SVGs on one page share one id namespace, and turns the marks'
// accessible labels into tooltips.
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import type { LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Collects vega / vega-lite warnings instead of printing them (tests assert there are none). */
class CollectingLogger implements LoggerInterface {
  readonly messages: string[] = [];
  private threshold = 2; // vega's Warn

  level(_?: number): number | LoggerInterface {
    if (_ === undefined) return this.threshold;
    this.threshold = _;
    return this;
  }
  error(...args: unknown[]): this {
    this.messages.push(`error: ${args.map(String).join(' ')}`);
    return this;
  }
  warn(...args: unknown[]): this {
    if (this.threshold >= 2) this.messages.push(`warning: ${args.map(String).join(' ')}`);
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

export interface RenderedSvg {
  svg: string;
  /** Warnings from compiling or running the spec (empty for a well-formed spec). */
  warnings: string[];
}

/** Compiles and renders one spec; throws when vega-lite rejects it. */
export async function renderSvg(spec: TopLevelSpec): Promise<RenderedSvg> {
  const logger = new CollectingLogger();
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger });
  try {
    const svg = await view.toSVG();
    return { svg, warnings: logger.messages };
  } finally {
    view.finalize();
  }
}

/**
 * Renames every id in `svg` to `prefix`-n (and the url(#…) / href="#…" references to it), so two
 * charts' clip paths or gradients cannot capture each other on one page.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  // Numbered by first appearance, not kept: vega's clip ids come from a process-wide counter, and
  // the same result must give the same bytes however many reports the process drew before.
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size + 1}`);
  if (ids.size === 0) return svg;
  const rename = (id: string) => ids.get(id) ?? id;
  return svg
    .replace(/(\sid=")([^"]+)"/g, (_m, head: string, id: string) => `${head}${rename(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${rename(id)})`)
    .replace(/(href=")#([^"]+)"/g, (_m, head: string, id: string) => `${head}#${rename(id)}"`);
}

/**
 * Gives every mark vega labelled for screen readers (aria-label, from the spec's `description`
 * encoding or vega-lite's own summary) a <title> with the same text, which browsers show as a
 * tooltip on hover: the static SVG carries the candidate's full name without any script.
 */
export function svgTooltips(svg: string): string {
  return svg.replace(/<(path|rect|line|circle)(\s[^>]*?\brole="graphics-symbol"[^>]*?)\/>/g, (whole, tag: string, attrs: string) => {
    const label = /\saria-label="([^"]*)"/.exec(attrs)?.[1];
    return label === undefined ? whole : `<${tag}${attrs}><title>${label}</title></${tag}>`;
  });
}

/** An SVG as a PNG at `scale` × its size, in DejaVu Sans (resvg would pick a serif face otherwise). */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

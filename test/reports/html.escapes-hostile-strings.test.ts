// The HTML report is one self-contained file that stays inert whatever the result holds: candidate
// names, the recommendation's reason and serving config, and the scenario's own strings come out
// escaped (in the table, the verdict, the footer and inside the charts' SVG text), the page loads
// nothing from outside and runs no script, and the same result gives the same bytes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { esc } from '../../reports/html.js';
import { writeReport } from '../../reports/write.js';
import { sweep } from './fixture.js';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "it's & <b>bold</b>"];

describe('the HTML report', () => {
  it('escapes every string from the result and has no script or external asset', async () => {
    const r = sweep([...HOSTILE, 'plain'], HOSTILE[0]!, [HOSTILE[0]!, HOSTILE[1]!]);
    r.scenario.name = '<svg onload=alert(3)>';
    r.scenario.profile.source = '</li><script>alert(4)</script>';
    r.recommendation!.reason = '<iframe src="https://evil.example"></iframe> is cheapest';
    r.recommendation!.serving_config = { models: [{ model: '</pre><script>alert(5)</script>' }] };
    const dir = mkdtempSync(path.join(tmpdir(), 'servetwin-report-'));
    const written = await writeReport(r, dir, { format: 'html' });
    expect(written.files).toEqual([path.join(dir, 'report.html')]);
    const html = readFileSync(written.files[0]!, 'utf8');

    // Real tags start with a raw `<`; escaped text cannot open one. (match() keeps failure messages short.)
    expect(html.match(/<script/i)).toBeNull();
    expect(html.match(/<img/i)).toBeNull();
    expect(html.match(/<iframe/i)).toBeNull();
    expect(html.match(/<svg onload/i)).toBeNull();
    expect(html.match(/<b>bold/)).toBeNull();
    expect(attributeNames(html).length).toBeGreaterThan(100);
    expect(attributeNames(html).filter((name) => /^on/i.test(name))).toEqual([]); // no event handler on any tag
    expect(html.match(/<link|@import|url\(\s*['"]?(https?:|\/\/)/i)).toBeNull();
    expect(html.match(/(src|href)=["']?(https?:|\/\/)/i)).toBeNull();

    // The strings are there, readable, escaped.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;svg onload=alert(3)&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(5)&lt;/script&gt;');
    expect(html).toContain('it&#39;s &amp; &lt;b&gt;bold&lt;/b&gt;');
    // Charts are inline SVG, one per figure.
    expect((html.match(/<svg[\s>]/g) ?? []).length).toBe((html.match(/<figure/g) ?? []).length);
  });

  it('is the same bytes when drawn again from the same result', async () => {
    const r = sweep(['a', 'b', 'c'], 'b', ['a', 'b']);
    const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'servetwin-report-')));
    for (const dir of dirs) await writeReport(r, dir, { format: 'html' });
    const [first, second] = dirs.map((dir) => readFileSync(path.join(dir, 'report.html'), 'utf8'));
    expect(first === second).toBe(true);
  });

  it('esc() escapes the five HTML-special characters', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    // and the test's own tag reader sees handlers where there are some
    expect(attributeNames(`<p title="a onclick=b"><a href='x' onclick=y>`)).toEqual(['title', 'href', 'onclick']);
  });
});

/** The names of every attribute of every tag, reading quoted values as values (text in them is inert). */
function attributeNames(html: string): string[] {
  const names: string[] = [];
  for (const tag of html.matchAll(/<[a-zA-Z][^\s/>]*((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    for (const attr of tag[1]!.matchAll(/\s+([^\s=>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)) names.push(attr[1]!);
  }
  return names;
}

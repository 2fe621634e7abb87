import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO } from '../support/gateway.js';

/** What the browser tests share: Debian's Chromium, the two widths, axe-core, screenshots, PDF text. */
export const SHOTS = path.join(REPO, 'tests/.artifacts/screenshots');
const CHROMIUM = process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium';
export const WIDTHS = [1280, 390] as const;
const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

export async function launch(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Serves an app on a port of 127.0.0.1 (0: any free one). */
export async function listen(app: Hono, port = 0): Promise<{ server: ServerType; base: string; close(): Promise<void> }> {
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core in the page (evaluated through the devtools protocol, which the page's CSP does not govern). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe');
  if (loaded === 'undefined') await page.evaluate(AXE_SOURCE);
  // A string, run in the page: the tests are type-checked without the DOM's types.
  return page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  })))`) as Promise<AxeViolation[]>;
}

/**
 * The page at 1280 and 390 px: no horizontal scrolling, zero axe violations, a
 * screenshot of each. Ends at 1280 px.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    const violations = await axe(page);
    expect(violations, `${name} at ${width} px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * The text of a PDF as written by pdfkit: content streams inflated, each font's glyph
 * codes mapped through its ToUnicode CMap (standard fonts: single-byte WinAnsi). One line
 * per text object. Enough to check what a person would read, not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  // A stream is cut by its /Length: compressed bytes may hold "endobj" or end in a CR.
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(raw); match; match = header.exec(raw)) {
    const from = match.index + match[0].length;
    const end = raw.indexOf('endobj', from);
    const at = raw.indexOf('stream', from);
    if (at === -1 || (end !== -1 && end < at)) {
      objects.set(Number(match[1]), { dict: raw.slice(from, end === -1 ? undefined : end) });
      continue;
    }
    const dict = raw.slice(from, at);
    const start = at + 6 + (/^\r?\n/.exec(raw.slice(at + 6, at + 8))?.[0].length ?? 0);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    let data = pdf.subarray(start, start + length);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    objects.set(Number(match[1]), { dict, stream: data });
    header.lastIndex = start + length;
  }
  const cmapOf = (text: string): Map<number, string> => {
    const map = new Map<number, string>();
    const hex = (h: string) => parseInt(h, 16);
    const utf16 = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map(hex));
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const start = hex(line[1]!);
        const end = hex(line[2]!);
        const target = line[3]!;
        if (target.startsWith('[')) [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((t, i) => map.set(start + i, utf16(t[1]!.replace(/\s+/g, ''))));
        else for (let code = start; code <= end; code += 1) map.set(code, String.fromCharCode(hex(target.slice(1, -1)) + code - start));
      }
    }
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const line of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(hex(line[1]!), utf16(line[2]!));
    }
    return map;
  };
  const fonts = new Map<string, Map<number, string> | undefined>();
  for (const { dict } of objects.values()) {
    for (const resources of dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) {
      for (const ref of resources[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const font = objects.get(Number(ref[2]));
        const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
        const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
        fonts.set(ref[1]!, cmap ? cmapOf(cmap.toString('latin1')) : undefined);
      }
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream) continue;
    const content = stream.toString('latin1');
    if (!/\bTf\b/.test(content)) continue;
    let cmap: Map<number, string> | undefined;
    let line = '';
    for (const token of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\b(ET)\b/g)) {
      if (token[1]) cmap = fonts.get(token[1]);
      else if (token[2] !== undefined) {
        const hex = token[2];
        if (cmap) for (const code of hex.match(/.{4}/g) ?? []) line += cmap.get(parseInt(code, 16)) ?? '';
        else line += Buffer.from(hex, 'hex').toString('latin1');
      } else if (token[3]) {
        lines.push(line);
        line = '';
      }
    }
  }
  return lines.join('\n');
}

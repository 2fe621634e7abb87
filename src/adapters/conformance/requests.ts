import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One request a sample's `NAME.requests.md` lists, as the system must see it. */
export interface ExpectedRequest {
  method: string;
  /** Absolute URL without its query. */
  url: string;
  query: Record<string, string>;
  /**
   * Header values as patterns: literal, but a placeholder (`Bearer <token from …>`) stands
   * for any text, the deployment's.
   */
  headers: Record<string, RegExp>;
  /** The sample file that answers it. */
  answeredBy: string;
}

/**
 * Reads `NAME.requests.md`: "Paths are relative to `BASE`", then numbered requests
 * (`METHOD /path` or an absolute URL), each with `query`, `header` and `answered by`
 * lines. Notes in other lines are left aside.
 */
export function parseRequests(text: string, defaultBase?: string): { base?: string; requests: ExpectedRequest[] } {
  const base = /relative to `([^`]+)`/.exec(text)?.[1] ?? defaultBase;
  const requests: ExpectedRequest[] = [];
  let current: ExpectedRequest | undefined;
  for (const line of text.split('\n')) {
    const start = /^\d+\.\s+`([A-Z]+) ([^`]+)`/.exec(line);
    if (start) {
      const [, method, target] = start as unknown as [string, string, string];
      const absolute = /^https?:\/\//.test(target) ? target : `${(base ?? '').replace(/\/+$/, '')}${target}`;
      const [url, search] = splitQuery(absolute);
      current = { method, url, query: search, headers: {}, answeredBy: '' };
      requests.push(current);
      continue;
    }
    if (!current) continue;
    const query = /^\s+- query `([^`]+)` = `([^`]*)`/.exec(line);
    // Written as on the wire (`%2B`); compared decoded, as nock and the URL's own query are.
    if (query) current.query[query[1]!] = decodeURIComponent(query[2]!);
    const header = /^\s+- header `([^:`]+):\s*([^`]*)`/.exec(line);
    if (header) current.headers[header[1]!.toLowerCase()] = headerPattern(header[2]!.trim());
    const answer = /^\s+- answered by `([^`]+)`/.exec(line);
    if (answer) current.answeredBy = answer[1]!;
  }
  return { ...(base ? { base } : {}), requests };
}

function headerPattern(value: string): RegExp {
  const parts = value.split(/<[^>]*>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

function splitQuery(url: string): [string, Record<string, string>] {
  const at = url.indexOf('?');
  if (at < 0) return [url, {}];
  const query: Record<string, string> = {};
  for (const part of url.slice(at + 1).split('&')) {
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    query[name] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
  }
  return [url.slice(0, at), query];
}

/** A sample's requests; `defaultBase` for files that give paths without saying what they are relative to (the API's origin). */
export function readRequests(samplesDir: string, name: string, defaultBase?: string): { base?: string; requests: ExpectedRequest[] } | undefined {
  const file = path.join(samplesDir, `${name}.requests.md`);
  return existsSync(file) ? parseRequests(readFileSync(file, 'utf8'), defaultBase) : undefined;
}

import { InputError } from '../../errors.js';

// An OData v4 `$batch` request with one change set (Dataverse runs it all or nothing),
// written and read as multipart/mixed text. Parts refer to earlier ones with
// `"x@odata.bind": "$<Content-ID>"`.

type Json = Record<string, unknown>;

export interface BatchPart {
  contentId: string;
  method: 'POST' | 'PATCH';
  /** Entity set the request goes to (`contacts`), or `set(id)` for an update. */
  entitySet: string;
  body: Json;
}

export interface BatchRequest {
  /** The `Content-Type` header of the `POST /$batch` (it names the boundary). */
  contentType: string;
  body: string;
}

const CRLF = '\r\n';

/** The `$batch` body of one change set; `id` makes the boundaries (a transfer id: the same delivery, the same bytes). */
export function writeChangeSet(parts: readonly BatchPart[], id: string, servicePath = '/api/data/v9.2/'): BatchRequest {
  const token = id.replace(/[^A-Za-z0-9-]/g, '');
  const batch = `batch_${token}`;
  const changeset = `changeset_${token}`;
  const lines: string[] = [`--${batch}`, `Content-Type: multipart/mixed; boundary=${changeset}`, ''];
  for (const part of parts) {
    lines.push(
      `--${changeset}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      `Content-ID: ${part.contentId}`,
      '',
      `${part.method} ${servicePath}${part.entitySet} HTTP/1.1`,
      'Content-Type: application/json; type=entry',
      '',
      JSON.stringify(part.body),
    );
  }
  lines.push(`--${changeset}--`, '', `--${batch}--`, '');
  return { contentType: `multipart/mixed; boundary=${batch}`, body: lines.join(CRLF) };
}

/** Whether a text is a `$batch` body (it starts with its boundary). */
export function isBatchBody(text: string): boolean {
  return /^\s*--batch_/.test(text);
}

/**
 * The parts of a change set written by `writeChangeSet` (or any one-change-set `$batch` of
 * JSON parts); an unreadable one refuses the input with `code` (the adapter's own).
 */
export function readChangeSet(text: string, file: string, code = 'odata.batch-unreadable'): BatchPart[] {
  const lf = text.replace(/\r\n/g, '\n');
  const boundary = /boundary=(changeset_[A-Za-z0-9_-]+)/.exec(lf)?.[1];
  if (!boundary) throw new InputError(code, `${file} is a $batch without a change set`, { file });
  const chunks = lf.split(`--${boundary}`).slice(1);
  const parts: BatchPart[] = [];
  for (const chunk of chunks) {
    if (chunk.startsWith('--')) break;
    const [mime = '', request = ''] = splitOnce(chunk.replace(/^\n/, ''), '\n\n');
    const contentId = /^Content-ID:\s*(\S+)/im.exec(mime)?.[1];
    const [head = '', json = ''] = splitOnce(request, '\n\n');
    const line = /^(POST|PATCH)\s+(\S+)\s+HTTP\/1\.1/.exec(head);
    if (!contentId || !line) throw new InputError(code, `${file} has a part that is no POST or PATCH with a Content-ID`, { file });
    let body: unknown;
    try {
      body = JSON.parse(json.trim());
    } catch {
      throw new InputError(code, `${file} has a part whose body is not JSON`, { file, contentId });
    }
    const target = line[2]!.split('/').filter((s) => s !== '').at(-1) ?? '';
    parts.push({ contentId, method: line[1] as 'POST' | 'PATCH', entitySet: target, body: (body ?? {}) as Json });
  }
  return parts;
}

function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + separator.length)];
}

/** `"/accounts(accountnumber='NE-SMIG')"` → `{ set: 'accounts', key: 'accountnumber', value: 'NE-SMIG' }`; `"$3"` → `{ ref: '3' }`. */
export function parseBind(value: unknown): { set: string; key?: string; value: string } | { ref: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const ref = /^\$(\S+)$/.exec(value);
  if (ref) return { ref: ref[1]! };
  const m = /^\/?([A-Za-z_]+)\((?:([A-Za-z_0-9]+)=)?'?((?:[^']|'')*?)'?\)$/.exec(value);
  if (!m) return undefined;
  return { set: m[1]!, ...(m[2] ? { key: m[2] } : {}), value: m[3]!.replace(/''/g, "'") };
}

/** An alternate-key reference: `/accounts(accountnumber='NE-SMIG')`. */
export function bindKey(set: string, key: string, value: string): string {
  return `/${set}(${key}='${value.replace(/'/g, "''")}')`;
}

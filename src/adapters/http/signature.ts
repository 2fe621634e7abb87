import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthError } from '../../errors.js';

/**
 * Webhook signatures as the canton platforms send them: an HMAC over the raw body (and,
 * for most, a timestamp), compared in constant time, with a time window against replays
 * of old deliveries. Replays inside the window are caught by the delivery id (the core
 * remembers ids it has taken).
 */
export interface HmacCheck {
  secret: string | readonly string[];
  /** Exactly the bytes the sender signed (`<t>.<body>`, the body alone, …). */
  signed: Uint8Array | string;
  /** Signatures the request carries (several during a secret rotation): one must match. */
  candidates: readonly string[];
  algorithm?: 'sha256' | 'sha512';
  /** How the signatures are written. */
  encoding: 'hex' | 'base64';
}

/** True when one candidate is the HMAC of `signed` under one of the secrets. */
export function hmacMatches(check: HmacCheck): boolean {
  const secrets = typeof check.secret === 'string' ? [check.secret] : check.secret;
  const wanted = secrets.map((s) => createHmac(check.algorithm ?? 'sha256', Buffer.from(s, 'utf8')).update(check.signed).digest());
  for (const candidate of check.candidates) {
    const given = decode(candidate, check.encoding);
    if (!given) continue;
    for (const w of wanted) if (given.length === w.length && timingSafeEqual(given, w)) return true;
  }
  return false;
}

function decode(value: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  if (encoding === 'hex') return /^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0 ? Buffer.from(value, 'hex') : undefined;
  return /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
}

/** Refuses a signature that does not match (`webhook.signature-invalid`, 401: nothing is created). */
export function requireHmac(check: HmacCheck, header: string): void {
  if (!hmacMatches(check)) throw new AuthError('webhook.signature-invalid', `the ${header} header does not match the body`);
}

/** Refuses a signing time outside ± `toleranceSeconds` of now (`webhook.signature-expired`). */
export function requireFresh(signedAtSeconds: number, now: Date, toleranceSeconds: number, header: string): void {
  if (!Number.isFinite(signedAtSeconds) || Math.abs(now.getTime() / 1000 - signedAtSeconds) > toleranceSeconds) {
    throw new AuthError('webhook.signature-expired', `the ${header} was made more than ${toleranceSeconds} seconds from now`);
  }
}

/** A header's value, whatever its case in the request. */
export function headerOf(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** `t=1710400000,v1=abc,v1=def` → `{ t: ['1710400000'], v1: ['abc', 'def'] }`. */
export function signatureParts(value: string, separator = ','): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of value.split(separator)) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const key = part.slice(0, eq).trim();
    (out[key] ??= []).push(part.slice(eq + 1).trim());
  }
  return out;
}

// The hash that chains audit entries: SHA-256 over RFC 8785 canonical JSON of the entry's fields.
import canonicalize from 'canonicalize';
import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);
export const ENTRY_HASH_VERSION = 1;

export type EntryBody = {
  seq: number;
  ts: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  outcome: string;
  details: Record<string, unknown>;
  prevHash: string;
};

// The library rejects NaN, lone surrogates and cycles, so anything that hashes here is canonical.
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value has no JSON form');
  return text;
}

export function canonicalEntryBody(body: EntryBody): string {
  return canonicalJson({ v: ENTRY_HASH_VERSION, ...body });
}

// RFC 8785 writes strings as JSON.stringify does; text with nothing to escape (no quote, backslash, control
// character or surrogate) is simply wrapped in quotes, which is most audit text and much cheaper.
// eslint-disable-next-line no-control-regex -- reason: control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : '"' + text + '"';
}

// Same bytes as canonicalEntryBody, built by hand with keys in RFC 8785 order; details is already canonical.
// Verification uses it so a million entries need no parse/re-serialise of details.
export function canonicalEntryFromRow(
  seq: number,
  ts: string,
  actor: string,
  role: string,
  action: string,
  target: string,
  outcome: string,
  detailsCanonical: string,
  prevHash: string,
): string {
  return (
    '{"action":' +
    quote(action) +
    ',"actor":' +
    quote(actor) +
    ',"details":' +
    detailsCanonical +
    ',"outcome":' +
    quote(outcome) +
    ',"prevHash":' +
    quote(prevHash) +
    ',"role":' +
    quote(role) +
    ',"seq":' +
    seq +
    ',"target":' +
    quote(target) +
    ',"ts":' +
    quote(ts) +
    ',"v":' +
    ENTRY_HASH_VERSION +
    '}'
  );
}

export function sha256(data: string | Buffer): Buffer {
  return hash('sha256', data, 'buffer');
}

export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

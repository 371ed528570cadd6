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
  const q = JSON.stringify;
  return `{"action":${q(action)},"actor":${q(actor)},"details":${detailsCanonical},"outcome":${q(outcome)},"prevHash":${q(prevHash)},"role":${q(role)},"seq":${seq},"target":${q(target)},"ts":${q(ts)},"v":${ENTRY_HASH_VERSION}}`;
}

export function sha256(data: string | Buffer): Buffer {
  return hash('sha256', data, 'buffer');
}

export function sha256Hex(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

// The new-silence form: typed matchers and times (in the site's zone) ↔ silences.create's input,
// with a message per field the operator can act on.
import type { ChannelInput } from '../../../shared/ipc/contract.ts';
import { isoToLocalInput, localInputToIso } from '../sla/period.ts';
import { flagsOf, type MatchOp } from './matchers.ts';

export interface MatcherDraft {
  name: string;
  op: MatchOp;
  value: string;
}

export interface SilenceDraft {
  matchers: MatcherDraft[];
  /** datetime-local text in the site's zone; empty starts the silence now. */
  startsAt: string;
  endsAt: string;
  reason: string;
}

export type SilenceIssue =
  'matchers' | 'name' | 'regex' | 'endsBeforeStart' | 'endsPast' | 'endsMissing' | 'reason';

export interface SilenceCheck {
  /** Per matcher row: what is wrong with it, or null. */
  rows: (SilenceIssue | null)[];
  endsAt: SilenceIssue | null;
  reason: SilenceIssue | null;
  matchers: SilenceIssue | null;
}

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOUR_MS = 60 * 60 * 1000;

export const emptyMatcher = (): MatcherDraft => ({ name: '', op: '=', value: '' });

export function newSilenceDraft(nowMs: number, timeZone: string): SilenceDraft {
  return {
    matchers: [emptyMatcher()],
    startsAt: '',
    endsAt: isoToLocalInput(new Date(nowMs + 2 * HOUR_MS).toISOString(), timeZone),
    reason: '',
  };
}

/** The end `hours` after the start (or after now when the start is empty), for the quick picks. */
export function endAfter(draft: SilenceDraft, hours: number, nowMs: number, timeZone: string) {
  const from = draft.startsAt ? Date.parse(localInputToIso(draft.startsAt, timeZone)) : nowMs;
  const base = Number.isNaN(from) ? nowMs : from;
  return isoToLocalInput(new Date(base + hours * HOUR_MS).toISOString(), timeZone);
}

function isRegexValid(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return true;
  } catch {
    return false;
  }
}

export function checkSilence(draft: SilenceDraft, nowMs: number, timeZone: string): SilenceCheck {
  const rows = draft.matchers.map((m): SilenceIssue | null => {
    if (!LABEL_NAME.test(m.name.trim())) return 'name';
    if (flagsOf(m.op).isRegex && !isRegexValid(m.value)) return 'regex';
    return null;
  });
  const startMs = draft.startsAt ? Date.parse(localInputToIso(draft.startsAt, timeZone)) : nowMs;
  const endMs = draft.endsAt ? Date.parse(localInputToIso(draft.endsAt, timeZone)) : Number.NaN;
  const endsAt: SilenceIssue | null = Number.isNaN(endMs)
    ? 'endsMissing'
    : endMs <= startMs
      ? 'endsBeforeStart'
      : endMs <= nowMs
        ? 'endsPast'
        : null;
  const reason = draft.reason.trim();
  return {
    rows,
    endsAt,
    reason: reason.length === 0 || reason.length > 1000 ? 'reason' : null,
    matchers: draft.matchers.length === 0 ? 'matchers' : null,
  };
}

export const isSilenceValid = (check: SilenceCheck) =>
  check.rows.every((r) => r === null) && !check.endsAt && !check.reason && !check.matchers;

/** The rows that are complete enough to preview with (a named label, a valid pattern). */
export function previewMatchers(draft: SilenceDraft, check: SilenceCheck) {
  return draft.matchers
    .filter((_, i) => check.rows[i] === null)
    .map((m) => ({ name: m.name.trim(), value: m.value, ...flagsOf(m.op) }));
}

export function toSilenceInput(
  draft: SilenceDraft,
  timeZone: string,
): ChannelInput<'silences.create'> {
  return {
    matchers: draft.matchers.map((m) => ({
      name: m.name.trim(),
      value: m.value,
      ...flagsOf(m.op),
    })),
    ...(draft.startsAt ? { startsAt: localInputToIso(draft.startsAt, timeZone) } : {}),
    endsAt: localInputToIso(draft.endsAt, timeZone),
    reason: draft.reason.trim(),
  };
}

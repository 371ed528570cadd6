// Keeps an unsaved SLO draft across a reload: in the tab's session storage, keyed by operator and SLO
// (so one operator never sees another's draft), and asks before the page is left with changes unsaved.
import { useEffect, useMemo } from 'react';
import type { SloDraft } from './sloForm.ts';

const PREFIX = 'mirqab.sloDraft';

interface KeptDraft {
  draft: SloDraft;
  /** When it was last changed, as ISO text. */
  keptAt: string;
}

export const draftKey = (username: string, sloName: string | null) =>
  `${PREFIX}:${encodeURIComponent(username)}:${sloName === null ? '' : encodeURIComponent(sloName)}`;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage refused (a locked-down browser): drafts are simply not kept
  }
}

/** The draft kept under `key`, or null when none (or one that no longer reads). */
export function readKeptDraft(key: string, blank: SloDraft): KeptDraft | null {
  const text = storage()?.getItem(key);
  if (!text) return null;
  try {
    const kept = JSON.parse(text) as KeptDraft;
    if (typeof kept.keptAt !== 'string' || typeof kept.draft !== 'object') return null;
    // Fields added since it was kept start from the blank draft's values.
    return { keptAt: kept.keptAt, draft: { ...blank, ...kept.draft } };
  } catch {
    return null;
  }
}

export function forgetKeptDraft(key: string): void {
  storage()?.removeItem(key);
}

export const isSameDraft = (a: SloDraft, b: SloDraft) => JSON.stringify(a) === JSON.stringify(b);

/**
 * While `draft` differs from `saved`: keeps it under `key` and guards the page against being left.
 * Once it matches again (saved or discarded), the kept copy is dropped.
 */
export function useDraftKeeper(key: string, draft: SloDraft, saved: SloDraft): boolean {
  const isDirty = useMemo(() => !isSameDraft(draft, saved), [draft, saved]);
  useEffect(() => {
    if (isDirty)
      storage()?.setItem(key, JSON.stringify({ draft, keptAt: new Date().toISOString() }));
    else forgetKeptDraft(key);
  }, [key, draft, isDirty]);
  useEffect(() => {
    if (!isDirty) return;
    const guard = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older browsers show their "leave page?" prompt only with this set
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [isDirty]);
  return isDirty;
}

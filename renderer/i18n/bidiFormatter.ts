// Every value put into an Arabic sentence (a host's name, a PromQL query, a figure) is isolated, so a
// Latin run and its punctuation keep their order instead of merging with the Arabic around them.
import type { FormatterModule } from 'i18next';
import { isolate } from './format.ts';

type Named = (value: unknown, lng: string | undefined, options: unknown) => string;

/** Digits with grouping and decimal marks only (Latin or Arabic-Indic). */
const PLAIN_NUMBER = /^[\d\u0660-\u0669.,\u066B\u066C]*$/;

const LEFT_TO_RIGHT_LETTER = /[A-Za-z\u00C0-\u02AF\u0370-\u03FF\u0400-\u04FF]/;
const RIGHT_TO_LEFT_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * A bare number, or text in Arabic letters only ("3 س 10 د"), reads the same either way; anything
 * with Latin letters, or with no letters at all ("0.56×", "10.0.4.17:7443"), is isolated.
 */
function needsIsolation(text: string): boolean {
  if (PLAIN_NUMBER.test(text)) return false;
  return LEFT_TO_RIGHT_LETTER.test(text) || !RIGHT_TO_LEFT_LETTER.test(text);
}

const isRightToLeft = (lng: string | undefined) => lng === 'ar' || !!lng?.startsWith('ar-');

export function createBidiFormatter(): FormatterModule {
  const named = new Map<string, Named>();
  return {
    type: 'formatter',
    init() {},
    add(name, fc) {
      named.set(name, fc);
    },
    addCached(name, fc) {
      named.set(name, (value, lng, options) => fc(lng, options)(value));
    },
    format(value, format, lng, options) {
      let out: unknown = value;
      for (const name of format ? format.split(',').map((f) => f.trim()) : []) {
        const fc = named.get(name);
        if (fc) out = fc(out, lng, options);
      }
      if (!isRightToLeft(lng) || typeof out !== 'string' || !needsIsolation(out)) return out;
      return isolate(out);
    },
  } as FormatterModule;
}

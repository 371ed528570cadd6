// Every value put into an Arabic sentence (a host's name, a PromQL query, a figure) is isolated, so a
// Latin run and its punctuation keep their order instead of merging with the Arabic around them.
import type { FormatterModule } from 'i18next';
import { isolate } from './format.ts';

type Named = (value: unknown, lng: string | undefined, options: unknown) => string;

/** Digits with grouping and decimal marks only (Latin or Arabic-Indic). */
const PLAIN_NUMBER = /^[\d\u0660-\u0669.,\u066B\u066C]*$/;

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
      // A bare number reads the same either way; isolating it would only change the text.
      if (!isRightToLeft(lng) || typeof out !== 'string' || PLAIN_NUMBER.test(out)) return out;
      return isolate(out);
    },
  } as FormatterModule;
}

// Names in a draft that nothing in the fleet reports — a misspelt model, a query's unknown metric —
// found as the operator types, from the backend's list of known names. Warnings, never errors: a
// service may not have reported yet, but it should never read "no data" without having been told.
import type { TFunction } from 'i18next';
import { unknownMetricsOf, type KnownNames } from '../../../shared/domain/slo/knownNames.ts';
import { EVENT_INDICATORS } from '../../../shared/domain/slo/spec.ts';
import { isolate, isolateLtr } from '../../i18n/format.ts';
import { promQlFields, type SloDraft } from './sloForm.ts';

/** True when the draft's indicator reads the model's canonical signals (the model name selects its data). */
function readsModel(d: SloDraft): boolean {
  if (d.indicatorType === 'threshold') return false;
  return !EVENT_INDICATORS.includes(d.indicatorType) || d.sourceKind === 'canonical';
}

/** The warning per spec path (service.model, indicator.source.bad…); empty until the names are known. */
export function draftNameWarnings(
  d: SloDraft,
  known: KnownNames | null,
  t: TFunction,
): Map<string, string> {
  const warnings = new Map<string, string>();
  if (!known) return warnings;
  const model = d.model.trim();
  if (model !== '' && readsModel(d) && !known.models.includes(model))
    warnings.set('service.model', t('sloChecks.unknownModel', { model: isolate(model) }));
  for (const [path, query] of promQlFields(d)) {
    const unknown = unknownMetricsOf(query, known);
    if (unknown.length > 0)
      warnings.set(
        path,
        t('sloChecks.unknownMetrics', { metrics: isolateLtr(unknown.join(', ')) }),
      );
  }
  return warnings;
}

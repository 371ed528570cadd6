// What the SLO editor tells the operator beyond field messages: that a draft kept from before a reload
// is back (with a way to discard it), and the fleet's known names that its fields offer and check.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownNames } from '../../../shared/domain/slo/knownNames.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { formatTimestamp, isolateLtr } from '../../i18n/format.ts';

/** The models, metrics and hosts the fleet reports; null until known (or when they cannot be read). */
export function useKnownNames(): KnownNames | null {
  const fetchKnown = useAppStore((s) => s.fetchSloKnownNames);
  const [known, setKnown] = useState<KnownNames | null>(null);
  useEffect(() => {
    let isCurrent = true;
    fetchKnown().then(
      (names) => isCurrent && setKnown(names),
      () => undefined, // without the list the fields simply offer nothing and warn about nothing
    );
    return () => {
      isCurrent = false;
    };
  }, [fetchKnown]);
  return known;
}

export function RestoredDraftNotice({
  keptAt,
  onDiscard,
}: {
  keptAt: string;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  return (
    <div className="notice notice-warning" role="status" data-testid="slo-draft-restored">
      <span>
        {t('sloChecks.draftRestored', { time: isolateLtr(formatTimestamp(keptAt, timeZone)) })}
      </span>
      <Button size="sm" onClick={onDiscard} data-testid="slo-draft-discard">
        {t('sloChecks.discardDraft')}
      </Button>
    </div>
  );
}

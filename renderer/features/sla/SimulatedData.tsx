// Simulated (demo) hosts and SLA reports: real reports leave them out; the operator may ask to include
// them, and such a report says SIMULATED DATA in the console as on every page of its export.
import { useTranslation } from 'react-i18next';
import type { ApiCallError } from '../../api/client.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function IncludeSimulatedToggle({
  checked,
  onChange,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="sla-include-simulated" title={t('simulatedData.includeHint')}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid="sla-include-simulated"
      />
      <span>{t('simulatedData.include')}</span>
    </label>
  );
}

export function SimulatedReportBanner() {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="note" data-testid="sla-simulated-banner">
      <p>
        <strong>{t('simulatedData.bannerTitle')}</strong> {t('simulatedData.banner')}
      </p>
    </div>
  );
}

/** The report's error; where only simulated hosts have data, with the way to include them. */
export function ReportError({
  error,
  onRetry,
  onIncludeSimulated,
}: {
  error: ApiCallError;
  onRetry: () => void;
  onIncludeSimulated: () => void;
}) {
  const { t } = useTranslation();
  if (error.code !== 'SIMULATED_DATA_ONLY')
    return <ErrorNotice error={error} onRetry={onRetry} testId="sla-report-error" />;
  return (
    <div className="sla-simulated-only">
      <ErrorNotice error={error} testId="sla-report-error" />
      <Button onClick={onIncludeSimulated} data-testid="sla-include-simulated-now">
        {t('simulatedData.includeNow')}
      </Button>
    </div>
  );
}

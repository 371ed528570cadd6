// Shows an API error as a translated sentence, with the backend's own words where they add detail.
import { useTranslation } from 'react-i18next';
import type { ApiCallError } from '../api/client.ts';
import { formatTime } from '../i18n/format.ts';
import { useAppStore } from '../store/index.ts';
import { selectTimeZone } from '../store/sessionSlice.ts';
import { Button } from './Button.tsx';

const DETAILED = new Set(['BAD_REQUEST', 'CONFLICT', 'NOT_FOUND', 'INTERNAL', 'DISCONNECTED']);

export function useErrorText() {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  return (error: ApiCallError) =>
    error.code === 'TOO_MANY_ATTEMPTS' && error.retryAt
      ? t('errors.TOO_MANY_ATTEMPTS_UNTIL', { time: formatTime(error.retryAt, timeZone, language) })
      : t(`errors.${error.code}`, { defaultValue: error.message });
}

export function ErrorNotice({
  error,
  onRetry,
  testId,
}: {
  error: ApiCallError;
  onRetry?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const text = useErrorText();
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-code={error.code}>
      <div>
        <p>{text(error)}</p>
        {DETAILED.has(error.code) && error.message && (
          <p className="notice-detail">{error.message}</p>
        )}
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

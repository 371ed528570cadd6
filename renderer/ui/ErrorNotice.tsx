// Shows an API error as a translated sentence, with the backend's own words where they add detail.
import { useTranslation } from 'react-i18next';
import type { ApiCallError } from '../api/client.ts';
import { Button } from './Button.tsx';

const DETAILED = new Set(['BAD_REQUEST', 'CONFLICT', 'NOT_FOUND', 'INTERNAL', 'DISCONNECTED']);

export function useErrorText() {
  const { t } = useTranslation();
  return (error: ApiCallError) => t(`errors.${error.code}`, { defaultValue: error.message });
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
        {DETAILED.has(error.code) && error.message && <p className="notice-detail">{error.message}</p>}
      </div>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

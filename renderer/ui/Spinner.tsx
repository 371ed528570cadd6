import { useTranslation } from 'react-i18next';

export function Spinner({ size = 'md', label }: { size?: 'sm' | 'md'; label?: string }) {
  const { t } = useTranslation();
  return (
    <span
      className={`spinner spinner-${size}`}
      role="status"
      aria-label={label ?? t('common.loading')}
    />
  );
}

export function LoadingBlock({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading-block">
      <Spinner />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

// No hosts yet: how an operator brings the first one in, or starts the simulated demo site.
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

export function FleetEmpty({ canManage, onEnrol }: { canManage: boolean; onEnrol: () => void }) {
  const { t } = useTranslation();
  const startDemoSite = useAppStore((s) => s.startDemoSite);
  const { busy: starting, error, submit } = useSubmission();
  const startDemo = () => submit(startDemoSite);

  return (
    <div className="empty-state fleet-empty" data-testid="fleet-empty">
      <p className="empty-title">{t('fleet.empty.title')}</p>
      <p className="empty-detail">{t('fleet.empty.detail')}</p>
      <ol className="fleet-empty-steps">
        <li>
          {t('fleet.empty.step1')}
          <pre className="code-block" dir="ltr">
            mirqab-agent init --dir /etc/mirqab-agent
          </pre>
        </li>
        <li>{t('fleet.empty.step2')}</li>
        <li>{canManage ? t('fleet.empty.step3Admin') : t('fleet.empty.step3Viewer')}</li>
      </ol>
      {canManage && (
        <>
          <Button variant="primary" onClick={onEnrol} data-testid="fleet-enrol">
            {t('fleet.enrol.open')}
          </Button>
          <p className="empty-detail">{t('fleet.empty.demoDetail')}</p>
          <Button onClick={startDemo} disabled={starting} data-testid="fleet-start-demo">
            {starting ? t('fleet.empty.demoStarting') : t('fleet.empty.demo')}
          </Button>
          {error && <ErrorNotice error={error} onRetry={startDemo} testId="fleet-demo-error" />}
        </>
      )}
    </div>
  );
}

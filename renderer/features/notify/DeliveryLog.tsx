// What was sent where: failed deliveries stand out with their reason and can be retried; pending ones
// say when they are tried next. Refreshed by notify.changed.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery } from '../../../shared/ipc/contract.ts';
import { toApiCallError } from '../../api/client.ts';
import { formatDateTime, formatTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectDeliveryLog } from '../../store/notifySlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice, useErrorText } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';

const STATE_TONES: Record<Delivery['state'], Tone> = {
  pending: 'warning',
  sent: 'success',
  failed: 'danger',
};

function RetryButton({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const retry = useAppStore((s) => s.retryDelivery);
  const toast = useAppStore((s) => s.pushToast);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="sm"
      busy={busy}
      onClick={() => {
        setBusy(true);
        retry(delivery.id).then(
          () => {
            setBusy(false);
            toast('success', t('notify.log.retried', { id: delivery.id }));
          },
          (thrown: unknown) => {
            setBusy(false);
            toast('error', errorText(toApiCallError(thrown)));
          },
        );
      }}
      data-testid="notify-delivery-retry"
    >
      {t('notify.log.retry')}
    </Button>
  );
}

function DeliveryRow({ delivery }: { delivery: Delivery }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const when = (iso: string) => formatDateTime(iso, timeZone, language);
  return (
    <tr
      data-testid="notify-delivery-row"
      data-id={delivery.id}
      data-state={delivery.state}
      className={`notify-row-${delivery.state}`}
    >
      <td className="muted">{when(delivery.createdAt)}</td>
      <td>
        {t(`notify.log.channels.${delivery.channel}`)}
        {delivery.isTest && (
          <>
            {' '}
            <Badge tone="accent">{t('notify.log.test')}</Badge>
          </>
        )}
      </td>
      <td className="mono" dir="ltr">
        {delivery.recipients.join(', ')}
      </td>
      <td className="notify-subject">{delivery.subject}</td>
      <td>
        <Badge tone={STATE_TONES[delivery.state]}>{t(`notify.log.states.${delivery.state}`)}</Badge>
      </td>
      <td>
        {t('notify.log.attemptsOf', { attempts: delivery.attempts, max: delivery.maxAttempts })}
      </td>
      <td data-testid="notify-delivery-detail">
        {delivery.state === 'pending' && delivery.nextAttemptAt && (
          <span>
            {t('notify.log.nextTry', {
              time: formatTime(delivery.nextAttemptAt, timeZone, language),
            })}
          </span>
        )}
        {delivery.state !== 'sent' && delivery.lastError && (
          <p className="notify-error" dir="auto">
            {delivery.lastError}
          </p>
        )}
      </td>
      <td className="cell-actions">
        {delivery.state === 'failed' && <RetryButton delivery={delivery} />}
      </td>
    </tr>
  );
}

export function DeliveryLog() {
  const { t } = useTranslation();
  const log = useAppStore(selectDeliveryLog);
  const load = useAppStore((s) => s.loadDeliveryLog);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section data-testid="notify-log">
      <div className="section-header">
        <h3>{t('notify.log.title')}</h3>
        {log.data && log.data.failedCount > 0 && (
          <Badge tone="danger">
            <span data-testid="notify-failed-count">
              {t('notify.log.failedCount', { count: log.data.failedCount })}
            </span>
          </Badge>
        )}
      </div>
      {log.error && <ErrorNotice error={log.error} onRetry={() => void load()} />}
      {!log.data && log.status === 'loading' && <LoadingBlock />}
      {log.data && log.data.items.length === 0 && <EmptyState title={t('notify.log.empty')} />}
      {log.data && log.data.items.length > 0 && (
        <Table
          caption={t('notify.log.title')}
          head={
            <tr>
              <th>{t('notify.log.created')}</th>
              <th>{t('notify.log.channel')}</th>
              <th>{t('notify.log.to')}</th>
              <th>{t('notify.log.subject')}</th>
              <th>{t('notify.log.state')}</th>
              <th>{t('notify.log.attempts')}</th>
              <th>{t('notify.log.detail')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          }
        >
          {log.data.items.map((delivery) => (
            <DeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </Table>
      )}
    </section>
  );
}

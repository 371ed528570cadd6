// Settings → Telemetry storage: how much disk the store uses, the disk budget (admins set it here
// unless the command line did), the retention by age, the oldest data kept, and the last time the
// budget dropped data (from the audit log).
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  diskBudgetText,
  MIN_DISK_BUDGET_BYTES,
  readDiskBudget,
  sizeParts,
} from '../../../shared/domain/telemetry/diskBudgetSize.ts';
import { DAY_MS, HOUR_MS } from '../../../shared/domain/time.ts';
import type { TelemetryStorage } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { formatDateTime, formatNumber, formatQuantity } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { selectTelemetryStorage } from '../../store/settingsSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';

/** Sizes, numbers, times and durations in the UI's language and the site's zone. */
function useFormats() {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const timeZone = useAppStore(selectTimeZone);
  return {
    bytes: (n: number) => formatQuantity(...sizeParts(n), language),
    count: (n: number) => formatNumber(n, language),
    time: (iso: string | null) =>
      iso ? formatDateTime(iso, timeZone, language) : t('telemetryStorage.noneKept'),
    age: (ms: number) =>
      ms <= 2 * DAY_MS || ms % DAY_MS !== 0
        ? t('telemetryStorage.hours', { count: Math.round(ms / HOUR_MS) })
        : t('telemetryStorage.days', { count: Math.round(ms / DAY_MS) }),
  };
}

function StorageFacts({ storage }: { storage: TelemetryStorage }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { diskBudget, retention, oldest, lastBudgetDrop: drop } = storage;
  const dropText = (d: NonNullable<TelemetryStorage['lastBudgetDrop']>) => {
    const values = {
      at: f.time(d.at),
      budget: f.bytes(d.budgetBytes),
      after: f.bytes(d.afterBytes),
    };
    if (!d.met) return t('telemetryStorage.dropNotMet', values);
    return t('telemetryStorage.dropDetail', {
      ...values,
      raw: f.count(d.droppedRawSamples),
      minute: f.count(d.droppedRollups1m),
      hour: f.count(d.droppedRollups1h),
    });
  };
  return (
    <dl className="facts" data-testid="telemetry-storage-facts">
      <dt>{t('telemetryStorage.size')}</dt>
      <dd data-testid="storage-size">
        <strong>{f.bytes(storage.databaseBytes + storage.walBytes)}</strong>{' '}
        <span className="muted">
          (
          {t('telemetryStorage.sizeDetail', {
            database: f.bytes(storage.databaseBytes),
            wal: f.bytes(storage.walBytes),
            used: f.bytes(storage.usedBytes),
          })}
          )
        </span>
      </dd>
      <dt>{t('telemetryStorage.budget')}</dt>
      <dd data-testid="storage-budget">
        {diskBudget.bytes === null ? t('telemetryStorage.noBudget') : f.bytes(diskBudget.bytes)}{' '}
        {diskBudget.source === 'commandLine' && (
          <Badge tone="accent">{t('telemetryStorage.fromCommandLine')}</Badge>
        )}
      </dd>
      <dt>{t('telemetryStorage.retention')}</dt>
      <dd data-testid="storage-retention">
        {t('telemetryStorage.retentionDetail', {
          raw: f.age(retention.rawMs),
          minute: f.age(retention.rollup1mMs),
          hour: f.age(retention.rollup1hMs),
        })}
      </dd>
      <dt>{t('telemetryStorage.oldestRaw')}</dt>
      <dd data-testid="storage-oldest-raw">{f.time(oldest.raw)}</dd>
      <dt>{t('telemetryStorage.oldestMinute')}</dt>
      <dd data-testid="storage-oldest-minute">{f.time(oldest.rollup1m)}</dd>
      <dt>{t('telemetryStorage.oldestHour')}</dt>
      <dd data-testid="storage-oldest-hour">{f.time(oldest.rollup1h)}</dd>
      <dt>{t('telemetryStorage.lastDrop')}</dt>
      <dd data-testid="storage-last-drop">
        {drop ? dropText(drop) : t('telemetryStorage.neverDropped')}
      </dd>
    </dl>
  );
}

function BudgetForm({ storage, canEdit }: { storage: TelemetryStorage; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.setTelemetryDiskBudget);
  const toast = useAppStore((s) => s.pushToast);
  const { bytes, source } = storage.diskBudget;
  const [text, setText] = useState(bytes === null ? '' : diskBudgetText(bytes));
  const { busy, error, submit } = useSubmission();
  const isEditable = canEdit && source === 'settings';
  const reading = readDiskBudget(text);
  const problem = reading.ok
    ? null
    : reading.problem === 'tooSmall'
      ? t('telemetryStorage.tooSmall', { min: diskBudgetText(MIN_DISK_BUDGET_BYTES) })
      : t('telemetryStorage.notASize');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    submit(() => save(text.trim()), {
      onDone: () => toast('success', t('telemetryStorage.saved')),
    });
  };

  return (
    <form className="form form-narrow" onSubmit={onSubmit} noValidate>
      {source === 'commandLine' && (
        <p className="notice" data-testid="storage-command-line">
          {t('telemetryStorage.commandLineNote')}
        </p>
      )}
      {source === 'settings' && !canEdit && (
        <p className="notice">{t('telemetryStorage.readOnly')}</p>
      )}
      <TextField
        label={t('telemetryStorage.budgetField')}
        hint={isEditable ? t('telemetryStorage.budgetHint') : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        readOnly={!isEditable}
        dir="ltr"
        autoComplete="off"
        placeholder={t('telemetryStorage.noBudget')}
        error={isEditable ? problem : null}
        data-testid="storage-budget-input"
      />
      {error && <ErrorNotice error={error} />}
      {isEditable && (
        <div className="form-actions">
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={problem !== null}
            data-testid="storage-budget-save"
          >
            {t('common.save')}
          </Button>
        </div>
      )}
    </form>
  );
}

export function TelemetryStorageTab() {
  const { t } = useTranslation();
  const storage = useAppStore(selectTelemetryStorage);
  const load = useAppStore((s) => s.loadTelemetryStorage);
  const canEdit = useAppStore(selectCan('settings.manage'));
  useEffect(() => {
    void load();
  }, [load]);
  if (storage.error && !storage.data)
    return <ErrorNotice error={storage.error} onRetry={() => void load()} />;
  if (!storage.data) return <LoadingBlock />;
  const { bytes, source } = storage.data.diskBudget;
  return (
    <div className="tab-content stack" data-testid="telemetry-storage">
      <section className="form-section-card">
        <h2>{t('telemetryStorage.title')}</h2>
        <p className="form-note">{t('telemetryStorage.intro')}</p>
        <StorageFacts storage={storage.data} />
      </section>
      <section className="form-section-card">
        <h2>{t('telemetryStorage.budgetTitle')}</h2>
        {/* Keyed so a budget changed elsewhere (or saved) resets the field to what is in force. */}
        <BudgetForm key={`${source}:${bytes}`} storage={storage.data} canEdit={canEdit} />
      </section>
    </div>
  );
}

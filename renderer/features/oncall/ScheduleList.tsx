// The schedules: their rotations in words, their overrides, and which policies page them. Those who
// own the rota (oncall.manage) create, edit and delete schedules and add or remove overrides.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnCallSchedule } from '../../../shared/ipc/contract.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallSchedules, selectOnCallWho } from '../../store/oncallSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useDisplayName, useLayerText } from './oncallText.ts';
import { OverrideDialog } from './OverrideDialog.tsx';
import { ScheduleEditor } from './ScheduleEditor.tsx';
import { weekDays, weekStartOf } from './week.ts';

type Open =
  | { kind: 'edit'; schedule: OnCallSchedule | null }
  | { kind: 'override'; schedule: OnCallSchedule }
  | { kind: 'delete'; schedule: OnCallSchedule }
  | { kind: 'removeOverride'; schedule: OnCallSchedule; overrideId: number };

function ScheduleCard({
  schedule,
  canManage,
  onOpen,
}: {
  schedule: OnCallSchedule;
  canManage: boolean;
  onOpen: (open: Open) => void;
}) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const name = useDisplayName();
  const layerText = useLayerText();
  const when = (iso: string) => formatDateTime(iso, timeZone, language);
  return (
    <article
      className="panel oncall-schedule"
      data-testid="oncall-schedule"
      data-name={schedule.name}
    >
      <header className="panel-header">
        <div>
          <h2>{schedule.name}</h2>
          {schedule.description && <p className="panel-subtitle">{schedule.description}</p>}
        </div>
        {canManage && (
          <div className="page-actions">
            <Button
              size="sm"
              onClick={() => onOpen({ kind: 'override', schedule })}
              data-testid="oncall-override-add"
            >
              {t('oncall.override.add')}
            </Button>
            <Button
              size="sm"
              onClick={() => onOpen({ kind: 'edit', schedule })}
              data-testid="oncall-schedule-edit"
            >
              {t('oncall.schedules.edit')}
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => onOpen({ kind: 'delete', schedule })}
              data-testid="oncall-schedule-delete"
            >
              {t('oncall.schedules.delete')}
            </Button>
          </div>
        )}
      </header>
      <ol className="oncall-layers">
        {schedule.layers.map((layer, i) => (
          <li key={i} data-testid="oncall-layer-summary">
            <strong>{layer.name || t('oncall.layer.title', { n: i + 1 })}</strong>
            {': '}
            {layerText(layer)}
            <p className="muted">
              {t('oncall.layer.order', {
                names: layer.participants.map(name).join(' → '),
                date: layer.startDate,
              })}
            </p>
          </li>
        ))}
      </ol>
      <h3 className="oncall-subheading">{t('oncall.override.list')}</h3>
      {schedule.overrides.length === 0 ? (
        <p className="muted">{t('oncall.override.none')}</p>
      ) : (
        <ul className="oncall-overrides">
          {schedule.overrides.map((o) => (
            <li key={o.id} data-testid="oncall-override" data-username={o.username}>
              <Badge tone="accent">{t('oncall.shift.override')}</Badge> {name(o.username)}:{' '}
              {t('oncall.override.range', { from: when(o.startsAt), to: when(o.endsAt) })}
              {o.reason && <span className="muted"> · {o.reason}</span>}
              {canManage && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => onOpen({ kind: 'removeOverride', schedule, overrideId: o.id })}
                  data-testid="oncall-override-remove"
                >
                  {t('oncall.override.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="muted" data-testid="oncall-used-by">
        {schedule.usedBy.length > 0
          ? t('oncall.schedules.usedBy', { names: schedule.usedBy.map((p) => p.name).join(', ') })
          : t('oncall.schedules.unused')}
      </p>
    </article>
  );
}

export function ScheduleList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const schedules = useAppStore(selectOnCallSchedules);
  const who = useAppStore(selectOnCallWho);
  const timeZone = useAppStore(selectTimeZone);
  const load = useAppStore((s) => s.loadOnCall);
  const remove = useAppStore((s) => s.deleteOnCallSchedule);
  const removeOverride = useAppStore((s) => s.removeOnCallOverride);
  const [open, setOpen] = useState<Open | null>(null);
  const nowMs = who.data ? Date.parse(who.data.at) : Date.now();
  // A new rotation starts on the Monday of this week, so its first turn is easy to read.
  const today = weekDays(weekStartOf(nowMs, timeZone))[0]!;

  if (schedules.error && !schedules.data)
    return <ErrorNotice error={schedules.error} onRetry={() => void load()} />;
  if (!schedules.data) return <LoadingBlock />;
  const close = () => setOpen(null);
  return (
    <div className="stack oncall-schedules">
      {canManage && (
        <div className="page-actions">
          <Button
            variant="primary"
            onClick={() => setOpen({ kind: 'edit', schedule: null })}
            data-testid="oncall-schedule-create"
          >
            {t('oncall.schedules.create')}
          </Button>
        </div>
      )}
      {schedules.data.length === 0 && (
        <div data-testid="oncall-schedules-empty">
          <EmptyState
            title={t('oncall.now.empty')}
            detail={canManage ? t('oncall.now.emptyDetail') : t('oncall.now.emptyDetailViewer')}
          />
        </div>
      )}
      {schedules.data.map((s) => (
        <ScheduleCard key={s.id} schedule={s} canManage={canManage} onOpen={setOpen} />
      ))}
      {open?.kind === 'edit' && (
        <ScheduleEditor schedule={open.schedule} today={today} onClose={close} />
      )}
      {open?.kind === 'override' && (
        <OverrideDialog schedule={open.schedule} nowMs={nowMs} onClose={close} />
      )}
      {open?.kind === 'delete' && (
        <ConfirmDialog
          title={t('oncall.schedules.deleteTitle', { name: open.schedule.name })}
          body={t('oncall.schedules.deleteBody')}
          confirmLabel={t('oncall.schedules.delete')}
          onConfirm={() => remove(open.schedule.id)}
          onClose={close}
          testId="oncall-schedule-delete-dialog"
        />
      )}
      {open?.kind === 'removeOverride' && (
        <ConfirmDialog
          title={t('oncall.override.removeTitle')}
          body={t('oncall.override.removeBody', { name: open.schedule.name })}
          confirmLabel={t('oncall.override.remove')}
          onConfirm={() => removeOverride(open.overrideId)}
          onClose={close}
          testId="oncall-override-remove-dialog"
        />
      )}
    </div>
  );
}

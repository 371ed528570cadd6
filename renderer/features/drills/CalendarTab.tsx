// The drill calendar: periodic drills per scenario and team, when the next is due (due and overdue
// ones marked), and adding, changing or removing a schedule.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillSchedule } from '../../../shared/ipc/drillSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { fromLocalInput, toLocalInput } from '../oncall/week.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

function ScheduleDialog({
  schedule,
  onClose,
}: {
  schedule: DrillSchedule | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const reload = useAppStore((s) => s.loadDrillSchedules);
  const scenarios = useAppStore((s) => s.drillScenarios.data) ?? [];
  const timeZone = useAppStore(selectTimeZone);
  const [scenario, setScenario] = useState(schedule?.scenario ?? scenarios[0]?.name ?? '');
  const [team, setTeam] = useState(schedule?.team ?? '');
  const [everyDays, setEveryDays] = useState(String(schedule?.everyDays ?? 90));
  const [next, setNext] = useState(() =>
    toLocalInput(schedule ? Date.parse(schedule.nextAt) : Date.now() + 7 * DAY_MS, timeZone),
  );
  const days = Number(everyDays);
  const daysError =
    Number.isInteger(days) && days >= 1 && days <= 366 ? null : t('drills.calendar.daysInvalid');
  const nextMs = fromLocalInput(next, timeZone);
  const nextError = nextMs === null ? t('drills.calendar.nextInvalid') : null;
  const { busy, error, submit } = useSubmission();
  const save = () => {
    if (daysError || nextMs === null || !scenario) return;
    submit(
      async () => {
        await call('drill.saveSchedule', {
          ...(schedule ? { id: schedule.id } : {}),
          scenario,
          team,
          everyDays: days,
          nextAt: new Date(nextMs).toISOString(),
        });
        await reload();
      },
      { onDone: onClose },
    );
  };
  return (
    <Dialog
      title={t(schedule ? 'drills.calendar.editTitle' : 'drills.calendar.addTitle')}
      onClose={onClose}
      testId="drill-schedule-dialog"
      footer={
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={Boolean(daysError || nextError || !scenario)}
            onClick={save}
            data-testid="drill-schedule-save"
          >
            {t('drills.calendar.save')}
          </Button>
        </div>
      }
    >
      <SelectField
        label={t('drills.columns.scenario')}
        value={scenario}
        onChange={(e) => setScenario(e.target.value)}
        data-testid="drill-schedule-scenario"
      >
        {scenarios.map((s) => (
          <option key={s.name} value={s.name}>
            {s.title}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('drills.start.team')}
        value={team}
        maxLength={120}
        onChange={(e) => setTeam(e.target.value)}
        data-testid="drill-schedule-team"
      />
      <TextField
        label={t('drills.calendar.everyDays')}
        type="number"
        min={1}
        max={366}
        value={everyDays}
        error={daysError}
        onChange={(e) => setEveryDays(e.target.value)}
        data-testid="drill-schedule-days"
      />
      <TextField
        label={t('drills.calendar.nextAt', { zone: timeZone })}
        type="datetime-local"
        value={next}
        error={nextError}
        onChange={(e) => setNext(e.target.value)}
        data-testid="drill-schedule-next"
      />
      {error && <ErrorNotice error={error} testId="drill-schedule-error" />}
    </Dialog>
  );
}

export function DueBadge({ schedule }: { schedule: DrillSchedule }) {
  const { t } = useTranslation();
  if (!schedule.isDue) return null;
  const overdue = Date.parse(schedule.nextAt) < Date.now() - DAY_MS;
  return (
    <Badge tone={overdue ? 'danger' : 'warning'}>
      {t(overdue ? 'drills.calendar.overdue' : 'drills.calendar.due')}
    </Badge>
  );
}

export function CalendarTab() {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.drillSchedules);
  const load = useAppStore((s) => s.loadDrillSchedules);
  const loadScenarios = useAppStore((s) => s.loadDrillScenarios);
  const scenarios = useAppStore((s) => s.drillScenarios.data);
  const call = useAppStore((s) => s.drillCall);
  const canRun = useAppStore(selectCan('drills.run'));
  const timeZone = useAppStore(selectTimeZone);
  const [editing, setEditing] = useState<DrillSchedule | 'new' | null>(null);
  const [removing, setRemoving] = useState<DrillSchedule | null>(null);
  useEffect(() => {
    void load();
    void loadScenarios();
  }, [load, loadScenarios]);
  const titleOf = (name: string) => scenarios?.find((s) => s.name === name)?.title ?? name;
  const items = remote.data;
  return (
    <div className="drill-stack">
      {canRun && (
        <div className="drill-row">
          <Button
            variant="primary"
            onClick={() => setEditing('new')}
            data-testid="drill-schedule-add"
          >
            {t('drills.calendar.add')}
          </Button>
        </div>
      )}
      {remote.error && !items && <ErrorNotice error={remote.error} onRetry={() => void load()} />}
      {!items && !remote.error && <LoadingBlock />}
      {items?.length === 0 && (
        <EmptyState title={t('drills.calendar.empty')} detail={t('drills.calendar.emptyDetail')} />
      )}
      {items && items.length > 0 && (
        <Table
          caption={t('drills.tabs.calendar')}
          head={
            <tr>
              <th scope="col">{t('drills.columns.scenario')}</th>
              <th scope="col">{t('drills.columns.team')}</th>
              <th scope="col">{t('drills.calendar.every')}</th>
              <th scope="col">{t('drills.calendar.next')}</th>
              {canRun && <th scope="col">{t('drills.columns.actions')}</th>}
            </tr>
          }
        >
          {items.map((s) => (
            <tr key={s.id} data-testid="drill-schedule-row" data-due={s.isDue}>
              <td dir="auto">{titleOf(s.scenario)}</td>
              <td dir="auto">{s.team || t('drills.noTeam')}</td>
              <td>{t('drills.calendar.everyN', { count: s.everyDays })}</td>
              <td>
                <Timestamp iso={s.nextAt} timeZone={timeZone} /> <DueBadge schedule={s} />
              </td>
              {canRun && (
                <td className="drill-row">
                  <Button size="sm" onClick={() => setEditing(s)} data-testid="drill-schedule-edit">
                    {t('drills.calendar.edit')}
                  </Button>
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => setRemoving(s)}
                    data-testid="drill-schedule-delete"
                  >
                    {t('drills.calendar.delete')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {editing && (
        <ScheduleDialog
          schedule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={t('drills.calendar.deleteTitle')}
          body={t('drills.calendar.deleteBody')}
          confirmLabel={t('drills.calendar.delete')}
          name={titleOf(removing.scenario)}
          onConfirm={async () => {
            await call('drill.deleteSchedule', { id: removing.id });
            await load();
          }}
          onClose={() => setRemoving(null)}
          testId="drill-schedule-delete-confirm"
        />
      )}
    </div>
  );
}

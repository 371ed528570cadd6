// Someone covers a time range on a schedule instead of the rotation (a swap, a sick day). Times are
// the site's wall clock; overlapping overrides are allowed and the latest added wins.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnCallSchedule } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallPeople } from '../../store/oncallSlice.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { fromLocalInput, toLocalInput } from './week.ts';

const HOUR_MS = 3_600_000;

type Errors = Partial<Record<'username' | 'startsAt' | 'endsAt', string>>;

export function OverrideDialog({
  schedule,
  nowMs,
  onClose,
}: {
  schedule: OnCallSchedule;
  nowMs: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const people = (useAppStore(selectOnCallPeople).data ?? []).filter((p) => !p.isDisabled);
  const add = useAppStore((s) => s.addOnCallOverride);
  const pushToast = useAppStore((s) => s.pushToast);
  const nextHour = Math.ceil(nowMs / HOUR_MS) * HOUR_MS;
  const [username, setUsername] = useState('');
  const [startsAt, setStartsAt] = useState(() => toLocalInput(nextHour, timeZone));
  const [endsAt, setEndsAt] = useState(() => toLocalInput(nextHour + 8 * HOUR_MS, timeZone));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const { busy, error, submit } = useSubmission();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const start = fromLocalInput(startsAt, timeZone);
    const end = fromLocalInput(endsAt, timeZone);
    const next: Errors = {};
    if (!username) next.username = 'oncall.errors.person';
    if (start === null) next.startsAt = 'oncall.errors.dateTime';
    if (end === null) next.endsAt = 'oncall.errors.dateTime';
    else if (start !== null && end <= start) next.endsAt = 'oncall.errors.endBeforeStart';
    setErrors(next);
    if (Object.keys(next).length > 0 || start === null || end === null) return;
    submit(
      () =>
        add({
          scheduleId: schedule.id,
          username,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(end).toISOString(),
          reason: reason.trim(),
        }),
      {
        onDone: () => {
          pushToast('success', t('oncall.override.added'));
          onClose();
        },
      },
    );
  };

  const err = (field: keyof Errors) => (errors[field] ? t(errors[field]) : null);
  return (
    <Dialog
      title={t('oncall.override.title', { name: schedule.name })}
      onClose={onClose}
      testId="oncall-override-dialog"
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <SelectField
          label={t('oncall.override.person')}
          value={username}
          error={err('username')}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="oncall-override-person"
        >
          <option value="">{t('oncall.layer.choosePerson')}</option>
          {people.map((p) => (
            <option key={p.username} value={p.username}>
              {p.displayName} ({p.username})
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('oncall.override.starts')}
          type="datetime-local"
          hint={t('oncall.override.zoneHint', { zone: timeZone })}
          value={startsAt}
          error={err('startsAt')}
          onChange={(e) => setStartsAt(e.target.value)}
          data-testid="oncall-override-starts"
        />
        <TextField
          label={t('oncall.override.ends')}
          type="datetime-local"
          value={endsAt}
          error={err('endsAt')}
          onChange={(e) => setEndsAt(e.target.value)}
          data-testid="oncall-override-ends"
        />
        <TextField
          label={t('oncall.override.reason')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          data-testid="oncall-override-reason"
        />
        {error && <ErrorNotice error={error} testId="oncall-override-error" />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="oncall-override-save">
            {t('oncall.override.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

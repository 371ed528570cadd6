// Site name, time zone and the inactivity lock; read-only without settings.manage.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { selectSettings } from '../../store/settingsSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import * as rules from '../../ui/formRules.ts';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { TimeZoneField } from '../../ui/TimeZoneField.tsx';

function SiteForm({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const { t } = useTranslation();
  const update = useAppStore((s) => s.updateSettings);
  const toast = useAppStore((s) => s.pushToast);
  const [siteName, setSiteName] = useState(settings.siteName);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [lockAfter, setLockAfter] = useState(String(settings.lockAfterMinutes));
  const { busy, error, submit } = useSubmission();

  const minutes = Number(lockAfter);
  const problems = {
    siteName: rules.firstProblem(rules.required(siteName), rules.maxLength(siteName, 120)),
    timeZone: rules.timeZone(timeZone),
    lockAfter:
      Number.isInteger(minutes) && minutes >= 1 && minutes <= 480 ? null : 'validation.lockMinutes',
  };
  const invalid = Object.values(problems).some(Boolean);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    submit(
      () =>
        update({ siteName: siteName.trim(), timeZone: timeZone.trim(), lockAfterMinutes: minutes }),
      {
        onDone: () => toast('success', t('settings.saved')),
      },
    );
  };

  return (
    <form className="form form-narrow" onSubmit={onSubmit} noValidate>
      {!canEdit && <p className="notice">{t('settings.readOnly')}</p>}
      <TextField
        label={t('fields.siteName')}
        value={siteName}
        onChange={(e) => setSiteName(e.target.value)}
        readOnly={!canEdit}
        error={problems.siteName && t(problems.siteName)}
        data-testid="settings-site-name"
      />
      <TimeZoneField
        value={timeZone}
        onChange={setTimeZone}
        disabled={!canEdit}
        error={problems.timeZone && t(problems.timeZone)}
      />
      <TextField
        type="number"
        min={1}
        max={480}
        label={t('fields.lockAfterMinutes')}
        hint={t('settings.lockHint')}
        value={lockAfter}
        onChange={(e) => setLockAfter(e.target.value)}
        readOnly={!canEdit}
        error={problems.lockAfter && t(problems.lockAfter)}
        data-testid="settings-lock-after"
      />
      <TextField label={t('overview.residency')} value={settings.residency} readOnly />
      {error && <ErrorNotice error={error} />}
      {canEdit && (
        <div className="form-actions">
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={invalid}
            data-testid="settings-save"
          >
            {t('common.save')}
          </Button>
        </div>
      )}
    </form>
  );
}

export function SiteTab() {
  const settings = useAppStore(selectSettings);
  const load = useAppStore((s) => s.loadSettings);
  const canEdit = useAppStore(selectCan('settings.manage'));
  useEffect(() => {
    void load();
  }, [load]);
  if (settings.error && !settings.data)
    return <ErrorNotice error={settings.error} onRetry={() => void load()} />;
  if (!settings.data) return <LoadingBlock />;
  // Keyed so a pushed settings.changed resets the form to the saved values.
  const key = JSON.stringify(settings.data);
  return <SiteForm key={key} settings={settings.data} canEdit={canEdit} />;
}

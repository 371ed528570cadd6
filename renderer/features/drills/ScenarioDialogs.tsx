// Start a drill from a scenario (speed and team), and import an operator's scenario (pasted or read
// from a YAML file); the backend's refusal lists every problem with its line and field.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRILL_SPEEDS } from '../../../shared/ipc/drillSchemas.ts';
import type { ScenarioSummary } from '../../../shared/ipc/drillSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';

type Speed = (typeof DRILL_SPEEDS)[number];

export function StartDrillDialog({
  scenario,
  onClose,
  onStarted,
}: {
  scenario: ScenarioSummary;
  onClose: () => void;
  onStarted: () => void;
}) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const loadStatus = useAppStore((s) => s.loadDrillStatus);
  const [speed, setSpeed] = useState<Speed>(10);
  const [team, setTeam] = useState('');
  const { busy, error, submit } = useSubmission();
  const start = () =>
    submit(
      async () => {
        await call('drill.start', {
          scenario: scenario.name,
          version: scenario.version,
          speed,
          team,
        });
        await loadStatus();
      },
      { onDone: onStarted },
    );
  return (
    <Dialog
      title={t('drills.start.title', { title: scenario.title })}
      onClose={onClose}
      testId="drill-start-dialog"
      footer={
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" busy={busy} onClick={start} data-testid="drill-start-confirm">
            {t('drills.start.confirm')}
          </Button>
        </div>
      }
    >
      <p className="muted">{t('drills.start.isolated')}</p>
      <SelectField
        label={t('drills.start.speed')}
        hint={t('drills.start.speedHint')}
        value={speed}
        onChange={(e) => setSpeed(Number(e.target.value) as Speed)}
        data-testid="drill-start-speed"
      >
        {DRILL_SPEEDS.map((s) => (
          <option key={s} value={s}>
            {t('drills.start.speedOption', { speed: s })}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('drills.start.team')}
        hint={t('drills.start.teamHint')}
        value={team}
        maxLength={120}
        onChange={(e) => setTeam(e.target.value)}
        data-testid="drill-start-team"
      />
      {error && <ErrorNotice error={error} testId="drill-start-error" />}
    </Dialog>
  );
}

export function ImportScenarioDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (scenario: ScenarioSummary) => void;
}) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const [text, setText] = useState('');
  const { busy, error, submit, clearError } = useSubmission();
  const store = () => submit(() => call('drill.importScenario', { text }), { onDone: onImported });
  return (
    <Dialog
      title={t('drills.import.title')}
      onClose={onClose}
      testId="drill-import-dialog"
      footer={
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            busy={busy}
            disabled={!text.trim()}
            onClick={store}
            data-testid="drill-import-confirm"
          >
            {t('drills.import.confirm')}
          </Button>
        </div>
      }
    >
      <label className="field-label" htmlFor="drill-import-text">
        {t('drills.import.paste')}
      </label>
      <textarea
        id="drill-import-text"
        className="input drill-source"
        dir="ltr"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          clearError();
        }}
        data-testid="drill-import-text"
      />
      <label className="field-label">
        {t('drills.import.file')}{' '}
        <input
          type="file"
          accept=".yaml,.yml"
          onChange={(e) => {
            void e.target.files?.[0]?.text().then((content) => {
              setText(content);
              clearError();
            });
          }}
          data-testid="drill-import-file"
        />
      </label>
      {error && (
        <div className="notice notice-error" role="alert" data-testid="drill-import-error">
          <div>
            <p>{t('drills.import.refused')}</p>
            <pre className="drill-problems" dir="ltr">
              {error.message}
            </pre>
          </div>
        </div>
      )}
    </Dialog>
  );
}

// A new silence: Alertmanager-style matchers, when it starts and ends (in the site's zone), why;
// and, as it is typed, which of the alerts firing now it would silence.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PipelineAlert } from '../../../shared/ipc/contract.ts';
import { toApiCallError, type ApiCallError } from '../../api/client.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { alertsMatching } from '../../store/silencesSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { LabelChips, SeverityBadge } from './AlertBadges.tsx';
import { MATCH_OPS } from './matchers.ts';
import {
  checkSilence,
  emptyMatcher,
  endAfter,
  isSilenceValid,
  newSilenceDraft,
  previewMatchers,
  toSilenceInput,
  type MatcherDraft,
  type SilenceDraft,
} from './silenceForm.ts';

const QUICK_HOURS = [1, 4, 24, 168] as const;
const PREVIEW_ROWS = 8;

function useFiringAlerts() {
  const fetchFiring = useAppStore((s) => s.fetchFiringAlerts);
  const [firing, setFiring] = useState<PipelineAlert[] | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  useEffect(() => {
    let live = true;
    fetchFiring().then(
      (alerts) => live && setFiring(alerts),
      (thrown: unknown) => live && setError(toApiCallError(thrown)),
    );
    return () => {
      live = false;
    };
  }, [fetchFiring]);
  return { firing, error };
}

function Preview({
  draft,
  check,
}: {
  draft: SilenceDraft;
  check: ReturnType<typeof checkSilence>;
}) {
  const { t } = useTranslation();
  const { firing, error } = useFiringAlerts();
  const matchers = previewMatchers(draft, check);
  const matched = firing && matchers.length > 0 ? alertsMatching(firing, matchers) : [];
  return (
    <section
      className="silence-preview"
      aria-live="polite"
      data-testid="silence-preview"
      data-count={firing ? matched.length : ''}
    >
      <h3 className="home-card-title">{t('silences.dialog.preview')}</h3>
      {error && <ErrorNotice error={error} />}
      {!firing && !error && <Spinner size="sm" />}
      {firing && matchers.length === 0 && (
        <p className="muted">{t('silences.dialog.previewHint')}</p>
      )}
      {firing && matchers.length > 0 && (
        <>
          <p className={matched.length > 0 ? '' : 'muted'}>
            {t('silences.dialog.previewCount', { count: matched.length })}
          </p>
          <ul className="home-list">
            {matched.slice(0, PREVIEW_ROWS).map((a) => (
              <li key={a.id} className="home-alert" data-testid="silence-preview-alert">
                <SeverityBadge severity={a.severity} />
                <div className="home-alert-text">
                  <span className="home-alert-summary" dir="auto">
                    {a.summary || a.rule}
                  </span>
                  <LabelChips labels={a.labels} max={4} />
                </div>
              </li>
            ))}
          </ul>
          {matched.length > PREVIEW_ROWS && (
            <p className="muted">
              {t('silences.dialog.previewMore', { count: matched.length - PREVIEW_ROWS })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function SilenceDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const create = useAppStore((s) => s.createSilence);
  const pushToast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [draft, setDraft] = useState<SilenceDraft>(() => newSilenceDraft(Date.now(), timeZone));
  const [isTried, setTried] = useState(false);
  const check = checkSilence(draft, Date.now(), timeZone);
  const shown = (issue: string | null) => (isTried && issue ? t(`silences.errors.${issue}`) : null);

  const setMatcher = (i: number, patch: Partial<MatcherDraft>) =>
    setDraft({
      ...draft,
      matchers: draft.matchers.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    });
  const onSubmit = () => {
    setTried(true);
    if (!isSilenceValid(check)) return;
    submit(() => create(toSilenceInput(draft, timeZone)), {
      onDone: () => {
        pushToast('success', t('silences.created'));
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={t('silences.dialog.title')}
      onClose={onClose}
      className="silence-dialog"
      testId="silence-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" busy={busy} onClick={onSubmit} data-testid="silence-submit">
            {t('silences.dialog.create')}
          </Button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <fieldset className="form-section">
          <legend>{t('silences.dialog.matchers')}</legend>
          <p className="form-note">{t('silences.dialog.matchersHint')}</p>
          {draft.matchers.map((m, i) => (
            <div key={i} className="matcher-row" data-testid="silence-matcher" dir="ltr">
              <input
                className="input"
                value={m.name}
                placeholder="service"
                aria-label={t('silences.dialog.name', { n: i + 1 })}
                aria-invalid={(isTried && check.rows[i] === 'name') || undefined}
                onChange={(e) => setMatcher(i, { name: e.target.value })}
                data-testid="silence-matcher-name"
              />
              <select
                className="input select matcher-op"
                value={m.op}
                aria-label={t('silences.dialog.op', { n: i + 1 })}
                onChange={(e) => setMatcher(i, { op: e.target.value as MatcherDraft['op'] })}
                data-testid="silence-matcher-op"
              >
                {MATCH_OPS.map((op) => (
                  <option key={op} value={op} title={t(`silences.ops.${op}`)}>
                    {op}
                  </option>
                ))}
              </select>
              <input
                className="input"
                value={m.value}
                placeholder="fraud-scoring"
                aria-label={t('silences.dialog.value', { n: i + 1 })}
                aria-invalid={(isTried && check.rows[i] === 'regex') || undefined}
                onChange={(e) => setMatcher(i, { value: e.target.value })}
                data-testid="silence-matcher-value"
              />
              <button
                type="button"
                className="icon-btn"
                aria-label={t('silences.dialog.remove', { n: i + 1 })}
                disabled={draft.matchers.length === 1}
                onClick={() =>
                  setDraft({ ...draft, matchers: draft.matchers.filter((_, j) => j !== i) })
                }
              >
                ×
              </button>
              {shown(check.rows[i] ?? null) && (
                <p className="field-error matcher-error" role="alert" dir="auto">
                  {shown(check.rows[i] ?? null)}
                </p>
              )}
            </div>
          ))}
          <div>
            <Button
              size="sm"
              onClick={() => setDraft({ ...draft, matchers: [...draft.matchers, emptyMatcher()] })}
              disabled={draft.matchers.length >= 20}
              data-testid="silence-add-matcher"
            >
              {t('silences.dialog.add')}
            </Button>
          </div>
        </fieldset>
        <div className="silence-times">
          <TextField
            type="datetime-local"
            label={t('silences.dialog.starts')}
            hint={t('silences.dialog.startsHint', { zone: timeZone })}
            value={draft.startsAt}
            onChange={(e) => setDraft({ ...draft, startsAt: e.target.value })}
            data-testid="silence-starts"
          />
          <TextField
            type="datetime-local"
            label={t('silences.dialog.ends')}
            hint={t('silences.dialog.endsHint', { zone: timeZone })}
            error={shown(check.endsAt)}
            value={draft.endsAt}
            onChange={(e) => setDraft({ ...draft, endsAt: e.target.value })}
            data-testid="silence-ends"
          />
        </div>
        <div className="quick-ends" role="group" aria-label={t('silences.dialog.quick')}>
          {QUICK_HOURS.map((h) => (
            <Button
              key={h}
              size="sm"
              variant="ghost"
              onClick={() =>
                setDraft({ ...draft, endsAt: endAfter(draft, h, Date.now(), timeZone) })
              }
              data-testid="silence-quick-end"
              data-hours={h}
            >
              {t(`silences.dialog.for.${h}`)}
            </Button>
          ))}
        </div>
        <div className={`field${shown(check.reason) ? ' field-invalid' : ''}`}>
          <label htmlFor="silence-reason" className="field-label">
            {t('silences.dialog.reason')}
          </label>
          <textarea
            id="silence-reason"
            className="input textarea"
            rows={2}
            maxLength={1000}
            value={draft.reason}
            placeholder={t('silences.dialog.reasonHint')}
            onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
            data-testid="silence-reason"
          />
          {shown(check.reason) && (
            <p className="field-error" role="alert">
              {shown(check.reason)}
            </p>
          )}
        </div>
        {error && <ErrorNotice error={error} testId="silence-error" />}
        <Preview draft={draft} check={check} />
      </form>
    </Dialog>
  );
}

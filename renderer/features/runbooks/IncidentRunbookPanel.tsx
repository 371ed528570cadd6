// On an incident: the runbooks its alerts and category suggest, a dry-run of any runbook (exactly what
// would run, on which host, with which parameters), and its runs with each step's status, actor and
// output. A destructive step's approve button is disabled for the operator who started the run.
import './runbooks.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DryRun } from '../../../shared/ipc/runbookSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { paramsText, RunbookRunView } from './RunbookRunView.tsx';

function DryRunTable({ plan }: { plan: DryRun }) {
  const { t } = useTranslation();
  return (
    <Table
      caption={t('runbooks.dryRun.caption', { name: plan.runbook })}
      head={
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('runbooks.step')}</th>
          <th scope="col">{t('runbooks.host')}</th>
          <th scope="col">{t('runbooks.action')}</th>
          <th scope="col">{t('runbooks.params')}</th>
        </tr>
      }
    >
      {plan.steps.map((s) => (
        <tr key={s.index} data-testid="runbook-plan-step" data-destructive={s.isDestructive}>
          <td className="mono">{s.index + 1}</td>
          <td dir="auto">
            {s.title} {s.isDestructive && <Badge tone="danger">{t('runbooks.destructive')}</Badge>}
            {s.healthGate && (
              <Badge tone="accent">
                {t('runbooks.gate', { minutes: s.healthGate.withinMinutes })}
              </Badge>
            )}
            {s.problems.map((p) => (
              <p key={p} className="runbook-problem" dir="ltr" data-testid="runbook-plan-problem">
                {p}
              </p>
            ))}
          </td>
          <td className="mono" dir="ltr">
            {s.host ?? (s.type === 'manual' ? t('runbooks.manual') : '—')}
          </td>
          <td className="mono" dir="ltr">
            {s.action ?? '—'}
          </td>
          <td className="mono" dir="ltr" data-testid="runbook-plan-params">
            {paramsText(s.params) || '—'}
          </td>
        </tr>
      ))}
    </Table>
  );
}

export function IncidentRunbookPanel({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.incidentRunbooks);
  const load = useAppStore((s) => s.loadIncidentRunbooks);
  const library = useAppStore((s) => s.runbookLibrary);
  const loadLibrary = useAppStore((s) => s.loadRunbooks);
  const call = useAppStore((s) => s.runbookCall);
  const changeRun = useAppStore((s) => s.changeRun);
  const canRead = useAppStore(selectCan('runbooks.read'));
  const canRun = useAppStore(selectCan('runbooks.run'));
  const [chosen, setChosen] = useState('');
  const [plan, setPlan] = useState<DryRun | null>(null);
  const { busy, error, submit, clearError } = useSubmission();
  useEffect(() => {
    if (!canRead) return;
    void load(incidentId);
    void loadLibrary();
  }, [canRead, incidentId, load, loadLibrary]);
  if (!canRead) return null;
  const info = remote.data?.incidentId === incidentId ? remote.data : null;
  const dryRun = (name: string) => {
    clearError();
    setChosen(name);
    submit(() => call('runbooks.dryRun', { incidentId, name }), { onDone: setPlan });
  };
  const start = (p: DryRun) =>
    submit(
      () =>
        changeRun('runbooks.start', {
          incidentId,
          name: p.runbook,
          version: p.version,
          digest: p.digest,
        }),
      { onDone: () => setPlan(null) },
    );
  return (
    <section
      className="incident-panel runbook-panel"
      aria-labelledby="incident-runbooks-heading"
      data-testid="incident-runbooks"
    >
      <h2 id="incident-runbooks-heading" className="panel-subtitle">
        {t('runbooks.panel.title')}
      </h2>
      {remote.error && !info && (
        <ErrorNotice error={remote.error} onRetry={() => void load(incidentId)} />
      )}
      {!info && !remote.error && <LoadingBlock label={t('runbooks.panel.loading')} />}
      {info && (
        <>
          {info.suggestions.length === 0 ? (
            <p className="muted">{t('runbooks.panel.noSuggestions')}</p>
          ) : (
            <ul className="runbook-suggestions">
              {info.suggestions.map((s) => (
                <li key={s.runbook} data-testid="runbook-suggestion" data-runbook={s.runbook}>
                  <span dir="auto">{s.title}</span>{' '}
                  <span className="muted">
                    {t('runbooks.panel.because', { because: s.because })}
                  </span>{' '}
                  <Button
                    size="sm"
                    onClick={() => dryRun(s.runbook)}
                    busy={busy && chosen === s.runbook}
                  >
                    {t('runbooks.panel.dryRun')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <div className="runbook-pick">
            <label htmlFor="runbook-pick">{t('runbooks.panel.other')}</label>
            <select
              id="runbook-pick"
              value={chosen}
              onChange={(e) => setChosen(e.target.value)}
              data-testid="runbook-pick"
            >
              <option value="">{t('runbooks.panel.choose')}</option>
              {(library.data ?? []).map((r) => (
                <option key={r.name} value={r.name}>
                  {r.title}
                </option>
              ))}
            </select>
            <Button size="sm" disabled={!chosen} onClick={() => dryRun(chosen)}>
              {t('runbooks.panel.dryRun')}
            </Button>
          </div>
          {error && <ErrorNotice error={error} testId="runbook-error" />}
          {plan && (
            <div className="runbook-plan" data-testid="runbook-dry-run">
              <h3 className="runbook-plan-title" dir="auto">
                {t('runbooks.dryRun.title', { title: plan.title, version: plan.version })}
              </h3>
              <p className="muted">{t('runbooks.dryRun.note')}</p>
              <DryRunTable plan={plan} />
              <div className="form-actions">
                {canRun && (
                  <Button
                    variant="primary"
                    disabled={!plan.canRun}
                    busy={busy}
                    onClick={() => start(plan)}
                    data-testid="runbook-start"
                  >
                    {t('runbooks.dryRun.start')}
                  </Button>
                )}
                <Button variant="ghost" onClick={() => setPlan(null)}>
                  {t('runbooks.dryRun.close')}
                </Button>
                {!plan.canRun && <span className="muted">{t('runbooks.dryRun.cannot')}</span>}
              </div>
            </div>
          )}
          {info.runs.map((run) => (
            <RunbookRunView key={run.id} run={run} onChange={changeRun} />
          ))}
        </>
      )}
    </section>
  );
}

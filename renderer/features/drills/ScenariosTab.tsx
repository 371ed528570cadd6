// The scenario library: every built-in and imported scenario, the one selected in full (site,
// injects, expected response, hints, debrief questions), and Start drill / Import for facilitators.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScenarioDetail, ScenarioSummary } from '../../../shared/ipc/drillSchemas.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { ImportScenarioDialog, StartDrillDialog } from './ScenarioDialogs.tsx';

function ScenarioPanel({ scenario }: { scenario: ScenarioDetail }) {
  const { t } = useTranslation();
  const e = scenario.expected;
  return (
    <section className="card" aria-labelledby="drill-scenario-title" data-testid="drill-scenario">
      <h2 id="drill-scenario-title" className="card-title" dir="auto">
        {scenario.title} <span className="mono muted">v{scenario.version}</span>
      </h2>
      <div className="card-body drill-stack">
        <p dir="auto">{scenario.description}</p>
        <dl className="facts">
          <dt>{t('drills.scenario.site')}</dt>
          <dd>
            {t('drills.scenario.siteFacts', { hosts: scenario.hosts, gpus: scenario.gpusPerHost })}
          </dd>
          <dt>{t('drills.scenario.models')}</dt>
          <dd className="mono" dir="ltr">
            {scenario.models.join(', ') || '—'}
          </dd>
          <dt>{t('drills.scenario.slos')}</dt>
          <dd className="mono" dir="ltr">
            {scenario.slos.join(', ') || '—'}
          </dd>
        </dl>
        <h3>{t('drills.scenario.injects')}</h3>
        <ol className="drill-list" data-testid="drill-scenario-injects">
          {scenario.injects.map((inject, i) => (
            <li key={i}>
              {t('drills.minute', { minute: inject.at })} ·{' '}
              <span className="mono" dir="ltr">
                {inject.kind} → {inject.target}
              </span>
            </li>
          ))}
        </ol>
        <h3>{t('drills.scenario.expected')}</h3>
        <ul className="drill-list">
          <li>{t('drills.scenario.detectWithin', { minutes: e.detectWithinMinutes })}</li>
          <li>{t('drills.scenario.ackWithin', { minutes: e.acknowledgeWithinMinutes })}</li>
          <li>{t('drills.scenario.mitigateWithin', { minutes: e.mitigateWithinMinutes })}</li>
          <li>{t('drills.scenario.priority', { priority: e.priority })}</li>
          {e.category && <li>{t('drills.scenario.category', { category: e.category })}</li>}
          {e.runbook && (
            <li>
              {t('drills.scenario.runbook')}{' '}
              <span className="mono" dir="ltr">
                {e.runbook}
              </span>
            </li>
          )}
          {e.requiredSteps.length > 0 && (
            <li>
              {t('drills.scenario.steps')}{' '}
              <span className="mono" dir="ltr">
                {e.requiredSteps.join(', ')}
              </span>
            </li>
          )}
          {e.escalateTo && (
            <li>
              {t('drills.scenario.escalateTo')} {t(`incidents.functions.${e.escalateTo}`)}
            </li>
          )}
        </ul>
        <h3>{t('drills.scenario.hints')}</h3>
        {scenario.hints.length === 0 && <p className="muted">{t('drills.scenario.noHints')}</p>}
        <ul className="drill-list">
          {scenario.hints.map((hint, i) => (
            <li key={i} dir="auto">
              {t('drills.minute', { minute: hint.at })} · {hint.text}
            </li>
          ))}
        </ul>
        <h3>{t('drills.scenario.debrief')}</h3>
        <ol className="drill-list">
          {scenario.debrief.map((question, i) => (
            <li key={i} dir="auto">
              {question}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

export function ScenariosTab({ onStarted }: { onStarted: () => void }) {
  const { t } = useTranslation();
  const list = useAppStore((s) => s.drillScenarios);
  const detail = useAppStore((s) => s.drillScenario);
  const load = useAppStore((s) => s.loadDrillScenarios);
  const loadOne = useAppStore((s) => s.loadDrillScenario);
  const canRun = useAppStore(selectCan('drills.run'));
  const isLive = useAppStore((s) => Boolean(s.drillStatus.data?.live));
  const [selected, setSelected] = useState<string | null>(null);
  const [starting, setStarting] = useState<ScenarioSummary | null>(null);
  const [importing, setImporting] = useState(false);
  useEffect(() => {
    void load();
  }, [load]);
  const select = (name: string) => {
    setSelected(name);
    void loadOne(name);
  };
  const items = list.data;
  const shown = detail.data?.name === selected ? detail.data : null;
  return (
    <div className="drill-stack">
      {canRun && (
        <div className="drill-row">
          <Button onClick={() => setImporting(true)} data-testid="drill-import-open">
            {t('drills.import.open')}
          </Button>
        </div>
      )}
      {list.error && <ErrorNotice error={list.error} onRetry={() => void load()} />}
      {!items && !list.error && <LoadingBlock label={t('drills.scenarios.loading')} />}
      {items?.length === 0 && <EmptyState title={t('drills.scenarios.empty')} />}
      {items && items.length > 0 && (
        <div className="drill-split">
          <Table
            caption={t('drills.tabs.scenarios')}
            head={
              <tr>
                <th scope="col">{t('drills.columns.title')}</th>
                <th scope="col">{t('drills.columns.category')}</th>
                <th scope="col">{t('drills.columns.duration')}</th>
                <th scope="col">{t('drills.columns.source')}</th>
                <th scope="col">{t('drills.columns.version')}</th>
                {canRun && <th scope="col">{t('drills.columns.actions')}</th>}
              </tr>
            }
          >
            {items.map((s) => (
              <tr
                key={s.name}
                className="drill-table-row"
                aria-selected={selected === s.name}
                data-testid="drill-scenario-row"
                data-name={s.name}
              >
                <td>
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() => select(s.name)}
                    dir="auto"
                  >
                    {s.title}
                  </button>
                </td>
                <td>{t(`drills.categories.${s.category}`, { defaultValue: s.category })}</td>
                <td>{t('drills.minutes', { count: s.durationMinutes })}</td>
                <td>
                  <Badge tone={s.source === 'builtin' ? 'neutral' : 'accent'}>
                    {t(`drills.source.${s.source}`)}
                  </Badge>
                </td>
                <td className="mono">v{s.version}</td>
                {canRun && (
                  <td>
                    <Button
                      size="sm"
                      variant="primary"
                      disabled={isLive}
                      title={isLive ? t('drills.start.oneAtATime') : undefined}
                      onClick={() => setStarting(s)}
                      data-testid="drill-start-open"
                    >
                      {t('drills.start.open')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </Table>
          <div>
            {!selected && <EmptyState title={t('drills.scenarios.pick')} />}
            {selected && detail.error && !shown && (
              <ErrorNotice error={detail.error} onRetry={() => select(selected)} />
            )}
            {selected && !shown && !detail.error && <LoadingBlock />}
            {shown && <ScenarioPanel scenario={shown} />}
          </div>
        </div>
      )}
      {starting && (
        <StartDrillDialog
          scenario={starting}
          onClose={() => setStarting(null)}
          onStarted={() => {
            setStarting(null);
            onStarted();
          }}
        />
      )}
      {importing && (
        <ImportScenarioDialog
          onClose={() => setImporting(false)}
          onImported={(s) => {
            setImporting(false);
            void load();
            select(s.name);
          }}
        />
      )}
    </div>
  );
}

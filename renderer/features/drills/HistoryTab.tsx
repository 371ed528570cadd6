// Finished drills: every run (open one for its score and debrief), scores over time per team and
// scenario, and the coverage grid of which scenario each team has run and when.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isolateLtr } from '../../i18n/format.ts';
import type { DrillRunSummary } from '../../../shared/ipc/drillSchemas.ts';
import { drillScoreOption } from '../../charts/drillOptions.ts';
import { EChart } from '../../charts/EChart.tsx';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { useChartLocale } from '../slo/SloCharts.tsx';
import { buildCoverage, coverageKey } from './coverage.ts';

const STATE_TONES: Record<DrillRunSummary['state'], Tone> = {
  running: 'warning',
  ended: 'success',
  failed: 'danger',
};

export function useTeamName() {
  const { t } = useTranslation();
  return (team: string) => team || t('drills.noTeam');
}

function ScoreChart({ runs }: { runs: readonly DrillRunSummary[] }) {
  const { t } = useTranslation();
  const theme = useAppStore((s) => s.theme);
  const locale = useChartLocale();
  const noTeam = t('drills.noTeam');
  const drills = useMemo(
    () =>
      runs.flatMap((r) =>
        r.score === null || r.state !== 'ended'
          ? []
          : [{ team: r.team, scenario: r.title, atMs: Date.parse(r.startedAt), score: r.score }],
      ),
    [runs],
  );
  const option = useMemo(
    () =>
      drillScoreOption({
        drills,
        seriesName: (team, scenario) => `${team || noTeam} · ${scenario}`,
        unit: t('drills.history.points'),
        ...locale,
      }),
    [drills, t, locale, noTeam],
  );
  const title = t('drills.history.chart');
  return (
    <section
      className="card"
      aria-label={title}
      data-testid="drill-score-chart"
      data-points={drills.length}
    >
      <h2 className="card-title">{title}</h2>
      <div className="card-body">
        {drills.length === 0 ? (
          <p className="muted">{t('drills.history.noScores')}</p>
        ) : (
          <EChart option={option} theme={theme} ariaLabel={title} className="drill-chart" />
        )}
      </div>
    </section>
  );
}

function CoverageGrid({ runs }: { runs: readonly DrillRunSummary[] }) {
  const { t } = useTranslation();
  const scenarios = useAppStore((s) => s.drillScenarios.data);
  const timeZone = useAppStore(selectTimeZone);
  const open = useAppStore((s) => s.openDrillRun);
  const teamName = useTeamName();
  const coverage = useMemo(() => buildCoverage(runs, scenarios ?? []), [runs, scenarios]);
  const title = t('drills.history.coverage');
  return (
    <section className="card" aria-label={title} data-testid="drill-coverage">
      <h2 className="card-title">{title}</h2>
      <div className="card-body">
        {coverage.teams.length === 0 ? (
          <p className="muted">{t('drills.history.noCoverage')}</p>
        ) : (
          <div className="drill-coverage">
            <Table
              caption={title}
              head={
                <tr>
                  <th scope="col">{t('drills.columns.scenario')}</th>
                  {coverage.teams.map((team) => (
                    <th key={team} scope="col" dir="auto">
                      {teamName(team)}
                    </th>
                  ))}
                </tr>
              }
            >
              {coverage.scenarios.map((s) => (
                <tr key={s.name}>
                  <th scope="row" dir="auto">
                    {s.title}
                  </th>
                  {coverage.teams.map((team) => {
                    const cell = coverage.cells.get(coverageKey(team, s.name));
                    return cell ? (
                      <td key={team} data-testid="drill-coverage-cell">
                        <button type="button" className="link-btn" onClick={() => open(cell.runId)}>
                          <Timestamp iso={cell.lastAt} timeZone={timeZone} />
                        </button>{' '}
                        <Badge tone="accent">{cell.score ?? '—'}</Badge>
                      </td>
                    ) : (
                      <td key={team} className="is-never" data-testid="drill-coverage-never">
                        {t('drills.history.never')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </Table>
          </div>
        )}
      </div>
    </section>
  );
}

export function HistoryTab() {
  const { t } = useTranslation();
  const runs = useAppStore((s) => s.drillRuns);
  const load = useAppStore((s) => s.loadDrillRuns);
  const loadScenarios = useAppStore((s) => s.loadDrillScenarios);
  const open = useAppStore((s) => s.openDrillRun);
  const timeZone = useAppStore(selectTimeZone);
  const teamName = useTeamName();
  useEffect(() => {
    void load();
    void loadScenarios();
  }, [load, loadScenarios]);
  const items = runs.data;
  if (runs.error && !items) return <ErrorNotice error={runs.error} onRetry={() => void load()} />;
  if (!items) return <LoadingBlock label={t('drills.history.loading')} />;
  if (items.length === 0)
    return (
      <EmptyState title={t('drills.history.empty')} detail={t('drills.history.emptyDetail')} />
    );
  return (
    <div className="drill-stack">
      <Table
        caption={t('drills.tabs.history')}
        head={
          <tr>
            <th scope="col">{t('drills.columns.scenario')}</th>
            <th scope="col">{t('drills.columns.team')}</th>
            <th scope="col">{t('drills.columns.date')}</th>
            <th scope="col">{t('drills.columns.mode')}</th>
            <th scope="col">{t('drills.columns.score')}</th>
            <th scope="col">{t('drills.columns.state')}</th>
          </tr>
        }
      >
        {items.map((run) => (
          <tr key={run.id} data-testid="drill-run-row" data-run-id={run.id}>
            <td>
              <button type="button" className="link-btn" onClick={() => open(run.id)} dir="auto">
                {run.title}
              </button>
            </td>
            <td dir="auto">{teamName(run.team)}</td>
            <td>
              <Timestamp iso={run.startedAt} timeZone={timeZone} />
            </td>
            <td>
              {t(`drills.mode.${run.mode}`)}{' '}
              <span className="mono muted">{isolateLtr(`×${run.speed}`)}</span>
            </td>
            <td className="mono" data-testid="drill-run-score">
              {run.score ?? '—'}
            </td>
            <td>
              <Badge tone={STATE_TONES[run.state]}>{t(`drills.runState.${run.state}`)}</Badge>
              {run.isPurged && <Badge>{t('drills.run.purged')}</Badge>}
            </td>
          </tr>
        ))}
      </Table>
      <ScoreChart runs={items} />
      <CoverageGrid runs={items} />
    </div>
  );
}

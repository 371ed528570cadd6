// One SLO: the SLI over its window against the objective, the budget burn-down, burn rates per
// alert window with their thresholds, the alerts it fired and the enforcement actions taken.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SloDetail } from '../../../shared/ipc/contract.ts';
import type { TimeMarker } from '../../charts/sloOptions.ts';
import type { TimeBand } from '../../charts/timeSeriesOption.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { ModelVersionsPanel, useModelVersions } from '../models/ModelVersionsPanel.tsx';
import { versionMarkers } from '../models/versionMarkers.ts';
import { AlertTable } from './AlertTable.tsx';
import { BurnRateTable } from './BurnRateTable.tsx';
import { SloDeleteDialog } from './SloDeleteDialog.tsx';
import { EnforcementActions } from './EnforcementActions.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { SloStatusBadge } from './SloBadges.tsx';
import { CoverageNotice, formatCoverage, isProvisional, provisionalTitle } from './SloCoverage.tsx';
import { BurnDownChart, SliChart } from './SloCharts.tsx';
import { describeIndicator, describeWindow } from './sloDescribe.ts';
import {
  budgetTone,
  formatBudget,
  formatBurnRate,
  formatDuration,
  formatPercent,
} from './sloFormat.ts';

/** The newest alerts first; a long history opens on request, so the detail stays quick to draw. */
const ALERTS_SHOWN = 20;

const MARKER_TONE: Record<SloDetail['actions'][number]['status'], TimeMarker['tone']> = {
  proposed: 'accent',
  approved: 'accent',
  running: 'accent',
  succeeded: 'success',
  failed: 'danger',
  rejected: 'muted',
  suppressed: 'muted',
};

function Figures({ detail }: { detail: SloDetail }) {
  const { t } = useTranslation();
  const s = detail.summary;
  // On too little of the window the budget is provisional: never red, never "Exhausted".
  const provisional = isProvisional(s);
  const tone = provisional ? 'none' : budgetTone(s);
  const figures: [string, string, string][] = [
    ['objective', formatPercent(s.objective), ''],
    [
      'attainment',
      formatPercent(s.attainment),
      !provisional && s.objective !== null && s.attainment !== null && s.attainment < s.objective
        ? 'danger'
        : '',
    ],
    ['budget', formatBudget(s.budgetRemaining), tone === 'ok' || tone === 'none' ? '' : tone],
    ['burnRate', formatBurnRate(s.burnRate), ''],
    // An overspent budget has already run out: "0m" would read as "about to".
    !provisional && s.budgetRemaining !== null && s.budgetRemaining <= 0
      ? ['exhaustion', t('slo.charts.exhausted'), 'danger']
      : ['exhaustion', formatDuration(s.timeToExhaustionMinutes, t), ''],
    ['alerts', String(s.firingAlerts), s.firingAlerts > 0 ? 'danger' : ''],
  ];
  if (s.coverage) figures.push(['coverage', formatCoverage(s.coverage.fraction), '']);
  const title = provisional && s.coverage ? provisionalTitle(s.coverage, t) : undefined;
  const isMarked = (key: string) =>
    provisional && (key === 'attainment' || key === 'budget' || key === 'exhaustion');
  return (
    <dl className="slo-figures" data-testid="slo-figures">
      {figures.map(([key, value, figureTone]) => (
        <div
          key={key}
          className={`slo-figure${figureTone ? ` slo-figure-${figureTone}` : ''}${isMarked(key) ? ' slo-provisional' : ''}`}
          data-figure={key}
          data-provisional={isMarked(key) ? 'true' : undefined}
          title={isMarked(key) ? title : undefined}
        >
          <dt>{key === 'coverage' ? t('sloCoverage.figure') : t(`slo.figures.${key}`)}</dt>
          <dd>{key === 'exhaustion' ? value : <span dir="ltr">{value}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What the SLO is about in one line under its title: service, indicator, window, budgeting. */
function FactsLine({ detail, timeZone }: { detail: SloDetail; timeZone: string }) {
  const { t } = useTranslation();
  const { summary, spec } = detail;
  const service = [
    summary.model,
    spec && spec.service.versions.length > 0 ? spec.service.versions.join(', ') : null,
    spec?.service.site || null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <p className="page-subtitle slo-facts-line" data-testid="slo-facts">
        <span className="mono" dir="ltr">
          {summary.name}
        </span>
        <span>
          {t('slo.fields.model')}: <bdi>{service}</bdi>
        </span>
        <span>{spec ? describeIndicator(spec.indicator, t) : summary.indicator}</span>
        <span>{spec ? describeWindow(spec.window, t) : summary.window}</span>
        {summary.budgetingMethod && <span>{t(`slo.budgeting.${summary.budgetingMethod}`)}</span>}
        <span>
          {t('slo.evaluatedAt')}:{' '}
          {summary.evaluatedAt ? (
            <Timestamp iso={summary.evaluatedAt} timeZone={timeZone} />
          ) : (
            t('slo.never')
          )}
        </span>
      </p>
      {spec?.description && <p className="slo-description break">{spec.description}</p>}
    </>
  );
}

/** The last hours by the minute, with the alerts and actions that fall in them: where an action's effect shows. */
function RecentSliChart({
  detail,
  bands,
  markers,
}: {
  detail: SloDetail;
  bands: readonly TimeBand[];
  markers: readonly TimeMarker[];
}) {
  const { t } = useTranslation();
  const points = detail.recentSli;
  const range = useMemo(() => {
    if (points.length === 0) return null;
    const fromMs = points[0]!.t;
    const shown = markers.filter((m) => m.tsMs >= fromMs);
    // An action decided since the last evaluation still shows: the axis runs on to it.
    const toMs = Math.max(
      detail.windowEnd ? Date.parse(detail.windowEnd) : points.at(-1)!.t,
      ...shown.map((m) => m.tsMs),
    );
    return {
      fromMs,
      toMs,
      bands: bands
        .filter((b) => b.toMs > fromMs)
        .map((b) => ({ ...b, fromMs: Math.max(b.fromMs, fromMs) })),
      markers: shown,
    };
  }, [points, detail.windowEnd, bands, markers]);
  return (
    <SliChart
      title={t('slo.charts.recentTitle')}
      points={points}
      objective={detail.summary.objective}
      bands={range?.bands}
      markers={range?.markers}
      fromMs={range?.fromMs}
      toMs={range?.toMs}
      testId="slo-recent-chart"
      wide
    />
  );
}

function DetailBody({ detail, canManage }: { detail: SloDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const [isAllAlerts, setAllAlerts] = useState(false);
  const alerts = isAllAlerts ? detail.alerts : detail.alerts.slice(0, ALERTS_SHOWN);
  const fromMs = detail.windowStart ? Date.parse(detail.windowStart) : undefined;
  const toMs = detail.windowEnd ? Date.parse(detail.windowEnd) : undefined;
  const bands = useMemo<TimeBand[]>(
    () =>
      detail.alerts.map((a) => ({
        fromMs: Date.parse(a.startedAt),
        toMs: a.resolvedAt ? Date.parse(a.resolvedAt) : (toMs ?? Date.now()),
        label: t(`alerts.severity.${a.severity}`),
        tone: a.severity === 'page' ? 'danger' : 'warning',
      })),
    [detail.alerts, toMs, t],
  );
  // Enforcement actions and the model's version changes (deploys, rollbacks) at their times.
  const versions = useModelVersions(detail.summary.model).remote.data;
  const markers = useMemo<TimeMarker[]>(
    () => [
      ...detail.actions.map((a) => ({
        tsMs: Date.parse(a.finishedAt ?? a.decidedAt ?? a.proposedAt),
        label: a.action,
        tone: MARKER_TONE[a.status],
      })),
      ...versionMarkers(versions, (version) => t('models.marker', { version })),
    ],
    [detail.actions, versions, t],
  );
  return (
    <>
      {detail.summary.error && (
        <div className="notice notice-error" role="alert" data-testid="slo-detail-error">
          <p>{t('slo.cannotEvaluate', { error: detail.summary.error })}</p>
        </div>
      )}
      {detail.summary.coverage && (
        <CoverageNotice coverage={detail.summary.coverage} timeZone={timeZone} />
      )}
      <Figures detail={detail} />
      <section className="slo-charts" aria-label={t('slo.sections.charts')}>
        <SliChart
          title={t('slo.charts.sliTitle')}
          points={detail.sli}
          objective={detail.summary.objective}
          bands={bands}
          markers={markers}
          fromMs={fromMs}
          toMs={toMs}
        />
        <BurnDownChart points={detail.burnDown} fromMs={fromMs} toMs={toMs} />
        <RecentSliChart detail={detail} bands={bands} markers={markers} />
      </section>
      <section>
        <h2 className="panel-subtitle">{t('slo.burn.title')}</h2>
        <BurnRateTable rows={detail.burnRates} />
      </section>
      <section>
        <h2 className="panel-subtitle">{t('slo.sections.alerts')}</h2>
        {detail.alerts.length === 0 ? (
          <p className="muted">{t('slo.noAlerts')}</p>
        ) : (
          <AlertTable alerts={alerts} timeZone={timeZone} caption={t('slo.sections.alerts')} />
        )}
        {alerts.length < detail.alerts.length && (
          <div className="table-footer">
            <Button size="sm" onClick={() => setAllAlerts(true)} data-testid="slo-all-alerts">
              {t('slo.allAlerts', { count: detail.alerts.length })}
            </Button>
          </div>
        )}
      </section>
      <div className="slo-detail-grid">
        <section className="panel">
          <h2 className="panel-subtitle">{t('slo.sections.actions')}</h2>
          <EnforcementActions actions={detail.actions} timeZone={timeZone} />
        </section>
        <section className="panel">
          <h2 className="panel-subtitle">{t('slo.sections.policy')}</h2>
          <PolicyEditor name={detail.summary.name} policy={detail.policy} canManage={canManage} />
        </section>
      </div>
      <ModelVersionsPanel model={detail.summary.model} />
    </>
  );
}

export function SloDetailView({ name, onBack }: { name: string; onBack: () => void }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.sloDetail);
  const load = useAppStore((s) => s.loadSlo);
  const edit = useAppStore((s) => s.editSlo);
  const canManage = useAppStore(selectCan('slo.manage'));
  const timeZone = useAppStore(selectTimeZone);
  const [deleting, setDeleting] = useState(false);
  const detail = remote.data?.summary.name === name ? remote.data : null;

  useEffect(() => {
    void load(name);
  }, [name, load]);

  return (
    <div
      className="slo-detail"
      data-testid="slo-detail"
      data-name={name}
      data-status={detail?.summary.status}
      data-budget={detail?.summary.budgetRemaining ?? ''}
      data-provisional={detail && isProvisional(detail.summary) ? 'true' : undefined}
    >
      <header className="page-header">
        <div>
          <Button variant="ghost" size="sm" onClick={onBack} data-testid="slo-back">
            {t('slo.back')}
          </Button>
          <h1 className="page-title slo-title">
            <span>{detail ? detail.summary.displayName || detail.summary.name : name}</span>
            {detail && <SloStatusBadge status={detail.summary.status} />}
          </h1>
          {detail ? (
            <FactsLine detail={detail} timeZone={timeZone} />
          ) : (
            <p className="page-subtitle mono" dir="ltr">
              {name}
            </p>
          )}
        </div>
        {canManage && detail && (
          <div className="page-actions">
            <Button onClick={() => edit(name)} data-testid="slo-edit">
              {t('slo.edit')}
            </Button>
            <Button variant="danger" onClick={() => setDeleting(true)} data-testid="slo-delete">
              {t('slo.delete.open')}
            </Button>
          </div>
        )}
      </header>
      {remote.error && (
        <ErrorNotice
          error={remote.error}
          onRetry={() => void load(name)}
          testId="slo-detail-load-error"
        />
      )}
      {!detail && remote.status === 'loading' && <LoadingBlock />}
      {detail && <DetailBody detail={detail} canManage={canManage} />}
      {deleting && <SloDeleteDialog name={name} onClose={() => setDeleting(false)} />}
    </div>
  );
}

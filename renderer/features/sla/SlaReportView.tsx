// One SLA's report for a period: the verdict, each SLO's attainment against the target with its
// daily SLI, the breaches, the maintenance excluded, and the export (PDF + CSV, audited, stamped).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaReport } from '../../../shared/ipc/contract.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { selectSlaReport } from '../../store/slaSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { SeverityBadge } from '../slo/SloBadges.tsx';
import { SliChart } from '../slo/SloCharts.tsx';
import { formatPercent } from '../slo/sloFormat.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { previousMonth } from '../../../shared/domain/slo/period.ts';
import { SlaExportResult } from './SlaExportResult.tsx';
import { IncludeSimulatedToggle, ReportError, SimulatedReportBanner } from './SimulatedData.tsx';

export function Verdict({ isMet }: { isMet: boolean | null }) {
  const { t } = useTranslation();
  const key = isMet === null ? 'noData' : isMet ? 'met' : 'missed';
  return (
    <span data-testid="sla-verdict" data-verdict={key}>
      <Badge tone={isMet === null ? 'neutral' : isMet ? 'success' : 'danger'}>
        {t(`sla.verdict.${key}`)}
      </Badge>
    </span>
  );
}

function ReportBody({ report }: { report: SlaReport }) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const tz = report.timeZone;
  return (
    <>
      <dl className="slo-figures" data-testid="sla-figures">
        <div className={`slo-figure${report.isMet === false ? ' slo-figure-danger' : ''}`}>
          <dt>{t('sla.report.verdict')}</dt>
          <dd>
            <Verdict isMet={report.isMet} />
          </dd>
        </div>
        <div className="slo-figure">
          <dt>{t('sla.report.target')}</dt>
          <dd>
            <span dir="ltr">{formatPercent(report.target)}</span>
          </dd>
        </div>
        <div
          className={`slo-figure${report.isMet === false ? ' slo-figure-danger' : ''}`}
          data-testid="sla-attainment"
        >
          <dt>{t('sla.report.attainment')}</dt>
          <dd>
            <span dir="ltr">
              {report.attainment === null ? '—' : formatPercent(report.attainment, 3)}
            </span>
          </dd>
        </div>
        <div className={`slo-figure${report.creditPercent > 0 ? ' slo-figure-danger' : ''}`}>
          <dt>{t('sla.report.credit')}</dt>
          <dd>
            <span dir="ltr">{formatPercent(report.creditPercent / 100, 2)}</span>
          </dd>
        </div>
        <div className="slo-figure">
          <dt>{t('sla.report.maintenance')}</dt>
          <dd>
            {t('sla.report.minutes', {
              count: report.maintenanceMinutes,
              n: formatNumber(report.maintenanceMinutes, language),
            })}
          </dd>
        </div>
      </dl>
      <p className="muted">
        {t('sla.report.span')} <Timestamp iso={report.from} timeZone={tz} /> {t('sla.report.until')}{' '}
        <Timestamp iso={report.to} timeZone={tz} /> <span dir="ltr">({tz})</span>
      </p>
      <Table
        caption={t('sla.report.perSlo')}
        head={
          <tr>
            <th>{t('sla.report.slo')}</th>
            <th>{t('slo.figures.objective')}</th>
            <th>{t('slo.figures.attainment')}</th>
            <th>{t('sla.report.consumed')}</th>
            <th>{t('sla.report.verdict')}</th>
          </tr>
        }
      >
        {report.slos.map((s) => (
          <tr key={s.name} data-testid="sla-slo-row" data-slo={s.name} data-met={String(s.isMet)}>
            <td>
              {s.displayName || s.name}{' '}
              <span className="muted mono" dir="ltr">
                {s.name}
              </span>
              {s.error && <p className="field-error">{s.error}</p>}
            </td>
            <td>
              <span dir="ltr">{formatPercent(s.objective)}</span>
            </td>
            <td>
              <span dir="ltr">{formatPercent(s.attainment)}</span>
            </td>
            <td>
              <span dir="ltr">{formatPercent(s.budgetConsumed, 1)}</span>
            </td>
            <td>
              <Verdict isMet={s.isMet} />
            </td>
          </tr>
        ))}
      </Table>
      <div className="slo-charts">
        {report.slos.map((s) => (
          <section key={s.name} className="sla-slo-block">
            <SliChart
              title={t('sla.report.daily', { name: s.displayName || s.name })}
              points={s.daily}
              objective={report.target}
              objectiveLabel={t('sla.report.target')}
              fromMs={Date.parse(report.from)}
              toMs={Date.parse(report.to)}
              testId="sla-daily-chart"
              compact
            />
            <h3 className="panel-subtitle">{t('sla.report.breaches')}</h3>
            {s.breaches.length === 0 ? (
              <p className="muted">{t('sla.report.noBreaches')}</p>
            ) : (
              <ul className="sla-breaches">
                {s.breaches.map((b, i) => (
                  <li key={i} data-testid="sla-breach">
                    <SeverityBadge severity={b.severity} />{' '}
                    <Timestamp iso={b.start} timeZone={tz} />{' '}
                    <span className="muted">{t('slo.backtest.until')}</span>{' '}
                    {b.end ? (
                      <Timestamp iso={b.end} timeZone={tz} />
                    ) : (
                      <span className="muted">{t('slo.backtest.ongoing')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <section>
        <h2 className="panel-subtitle">{t('sla.report.maintenanceExcluded')}</h2>
        {report.maintenance.length === 0 ? (
          <p className="muted">{t('sla.report.noMaintenance')}</p>
        ) : (
          <ul className="sla-breaches">
            {report.maintenance.map((m, i) => (
              <li key={i} data-testid="sla-maintenance">
                <Timestamp iso={m.start} timeZone={tz} />{' '}
                <span className="muted">{t('slo.backtest.until')}</span>{' '}
                <Timestamp iso={m.end} timeZone={tz} /> <span>{m.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2 className="panel-subtitle">{t('sla.report.incidents')}</h2>
        {report.incidents.length === 0 ? (
          <p className="muted">{t('sla.report.noIncidents')}</p>
        ) : (
          <ul className="sla-breaches">
            {report.incidents.map((i) => (
              <li key={i.id} data-testid="sla-incident">
                <span className="badge">{i.priority}</span> <bdi>#{i.id}</bdi> <bdi>{i.title}</bdi>{' '}
                <Timestamp iso={i.openedAt} timeZone={tz} />{' '}
                <span className="muted">{t('slo.backtest.until')}</span>{' '}
                {i.resolvedAt ? (
                  <Timestamp iso={i.resolvedAt} timeZone={tz} />
                ) : (
                  <span className="muted">{t('sla.report.unresolved')}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function SlaReportView({ name, onBack }: { name: string; onBack: () => void }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const chosen = useAppStore((s) => s.slaPeriod);
  const setPeriod = useAppStore((s) => s.setSlaPeriod);
  const remote = useAppStore(selectSlaReport);
  const exported = useAppStore((s) => s.slaExport);
  const load = useAppStore((s) => s.loadSlaReport);
  const runExport = useAppStore((s) => s.exportSlaReport);
  const edit = useAppStore((s) => s.editSla);
  const canManage = useAppStore(selectCan('sla.manage'));
  const canExport = useAppStore(selectCan('reports.export'));
  const summary = useAppStore((s) => s.slaList.data?.find((x) => x.name === name));
  // Real reports leave simulated (demo) hosts out unless the operator asks for them.
  const [includeSimulated, setIncludeSimulated] = useState(false);
  const period = chosen ?? previousMonth(Date.now(), timeZone).label;
  const report =
    remote.data?.sla === name &&
    remote.data.period === period &&
    remote.data.isSimulated === includeSimulated
      ? remote.data
      : null;

  useEffect(() => {
    void load(name, period, includeSimulated);
  }, [name, period, includeSimulated, load]);

  return (
    <div className="sla-report" data-testid="sla-report" data-name={name} data-period={period}>
      <header className="page-header">
        <div>
          <Button variant="ghost" size="sm" onClick={onBack} data-testid="sla-back">
            {t('sla.back')}
          </Button>
          <h1 className="page-title slo-title">
            <span>{report?.displayName || summary?.displayName || name}</span>
            {report && <Verdict isMet={report.isMet} />}
          </h1>
          <p className="page-subtitle">{report?.customer ?? summary?.customer}</p>
        </div>
        <div className="page-actions">
          <PeriodPicker value={period} timeZone={timeZone} onChange={setPeriod} />
          <IncludeSimulatedToggle checked={includeSimulated} onChange={setIncludeSimulated} />
          {canExport && (
            <Button
              onClick={() => void runExport(name, period, includeSimulated)}
              busy={exported.status === 'loading'}
              disabled={!report}
              data-testid="sla-export"
            >
              {t('sla.export')}
            </Button>
          )}
          {canManage && (
            <Button onClick={() => edit(name)} data-testid="sla-edit">
              {t('sla.edit')}
            </Button>
          )}
        </div>
      </header>
      <SlaExportResult remote={exported} />
      {remote.error && (
        <ReportError
          error={remote.error}
          onRetry={() => void load(name, period, includeSimulated)}
          onIncludeSimulated={() => setIncludeSimulated(true)}
        />
      )}
      {report?.isSimulated && <SimulatedReportBanner />}
      {!report && remote.status === 'loading' && <LoadingBlock />}
      {report && <ReportBody report={report} />}
    </div>
  );
}

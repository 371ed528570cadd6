// A model's drift over the last day: the reference pinned per version, the share of features that
// drift and the estimated accuracy per window, one feature's test figure over time (with its
// threshold), and every feature with the test used and why.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelDrift } from '../../../shared/ipc/driftChannels.ts';
import { EChart } from '../../charts/EChart.tsx';
import { timeSeriesOption } from '../../charts/timeSeriesOption.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { driftsBelow, featureVerdict, mostDrifted, seriesPerHost } from './perHost.ts';
import './drift.css';

const HOURS = 24;
type Feature = ModelDrift['features'][number];

export function DriftPanel({ model }: { model: string }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.modelDrift[model]);
  const watch = useAppStore((s) => s.watchModelDrift);
  // Loaded on opening, and again whenever new drift windows of this model arrive.
  useEffect(() => watch(model, HOURS), [model, watch]);
  const drift = remote?.data;
  return (
    <section className="drift-panel" data-testid="drift-panel" aria-labelledby="drift-title">
      <h3 id="drift-title" className="panel-subtitle">
        {t('drift.title')}
      </h3>
      {remote?.error && <ErrorNotice error={remote.error} />}
      {!drift && remote?.status !== 'error' && <LoadingBlock label={t('drift.loading')} />}
      {drift && drift.windows.length === 0 && (
        <p className="muted" data-testid="drift-empty">
          {t('drift.empty')}
        </p>
      )}
      {drift && drift.windows.length > 0 && <DriftBody drift={drift} />}
    </section>
  );
}

function DriftBody({ drift }: { drift: ModelDrift }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const theme = useAppStore((s) => s.theme);
  const language = useAppStore((s) => s.language);
  const [chosen, setChosen] = useState<string | null>(null);
  const feature =
    drift.features.find((f) => f.name === chosen) ?? mostDrifted(drift.features) ?? null;
  const newest = drift.windows.at(-1)!;
  // Each host's newest window: a drifting host is not hidden by another host's newer, steady window.
  const judged = [...new Map(drift.windows.map((w) => [w.hostId, w])).values()].filter(
    (w) => w.datasetDrift !== null,
  );
  const driftingHosts = judged.filter((w) => w.datasetDrift).length;
  const chartLocale = { rtl: language === 'ar', locale: language, timeZone };
  const shareOption = useMemo(
    () =>
      timeSeriesOption(
        [
          {
            name: t('drift.share'),
            points: drift.windows.flatMap((w) =>
              w.driftShare === null ? [] : [[w.endMs, w.driftShare] as const],
            ),
          },
          {
            name: t('drift.estimatedAccuracy'),
            points: drift.windows.flatMap((w) =>
              w.estimatedAccuracy === null ? [] : [[w.endMs, w.estimatedAccuracy] as const],
            ),
          },
        ].filter((s) => s.points.length > 0),
        {
          ...chartLocale,
          unit: '',
          min: 0,
          max: 1,
          thresholds: [{ value: 0.5, label: t('drift.datasetThreshold'), tone: 'warning' }],
        },
      ),
    [drift, t, language, timeZone],
  );
  const featureOption = useMemo(
    () =>
      timeSeriesOption(feature ? seriesPerHost(feature, drift.hosts) : [], {
        ...chartLocale,
        unit: '',
        min: 0,
        thresholds: feature
          ? [{ value: feature.threshold, label: t('drift.threshold'), tone: 'danger' }]
          : [],
      }),
    [feature, t, language, timeZone],
  );
  return (
    <>
      <ul className="drift-references">
        {drift.references.map((r) => (
          <li key={r.version}>
            {t('drift.reference', {
              version: r.version,
              rows: formatNumber(r.rows, language),
              by: r.pinnedBy === 'auto' ? t('drift.pinnedAuto') : r.pinnedBy,
            })}{' '}
            <Timestamp iso={new Date(r.endMs).toISOString()} timeZone={timeZone} />
          </li>
        ))}
      </ul>
      <dl className="drift-latest">
        <dt>{t('drift.datasetDrift')}</dt>
        <dd>
          {judged.length === 0 ? (
            '—'
          ) : (
            <>
              <Badge tone={driftingHosts > 0 ? 'danger' : 'success'}>
                {t(driftingHosts > 0 ? 'drift.drifted' : 'drift.stable')}
              </Badge>{' '}
              {judged.length > 1 && (
                <span className="muted" data-testid="drift-hosts">
                  {driftingHosts > 0
                    ? t('drift.driftingHosts', { drifting: driftingHosts, total: judged.length })
                    : t('drift.allHosts', { total: judged.length })}
                </span>
              )}
            </>
          )}
        </dd>
        <dt>{t('drift.estimatedAccuracy')}</dt>
        <dd>{percent(newest.estimatedAccuracy, language)}</dd>
        <dt>{t('drift.accuracy')}</dt>
        <dd>{percent(newest.accuracy, language)}</dd>
      </dl>
      <EChart
        option={shareOption}
        theme={theme}
        ariaLabel={t('drift.shareChart')}
        className="drift-chart"
      />
      {feature && (
        <>
          <label className="drift-feature-pick">
            {t('drift.featureShown')}{' '}
            <select
              value={feature.name}
              onChange={(e) => setChosen(e.target.value)}
              data-testid="drift-feature-select"
            >
              {drift.features.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <p className="muted drift-test-line">
            {t(`drift.tests.${feature.test}`)} — {t(`drift.reasons.${feature.reason}`)}
          </p>
          <EChart
            option={featureOption}
            theme={theme}
            ariaLabel={t('drift.featureChart', { feature: feature.name })}
            className="drift-chart"
          />
        </>
      )}
      <FeatureTable features={drift.features} hosts={drift.hosts} />
    </>
  );
}

function percent(value: number | null, language: 'en' | 'ar'): string {
  return value === null ? '—' : `${formatNumber(Math.round(value * 1000) / 10, language)} %`;
}

function FeatureTable({
  features,
  hosts,
}: {
  features: readonly Feature[];
  hosts: ModelDrift['hosts'];
}) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  return (
    <Table
      caption={t('drift.features')}
      head={
        <tr>
          <th>{t('drift.feature')}</th>
          <th>{t('drift.test')}</th>
          <th>{t('drift.why')}</th>
          <th>{t('drift.latest')}</th>
          <th>{t('drift.status')}</th>
        </tr>
      }
    >
      {features.map((f) => {
        const verdict = featureVerdict(f);
        const worst = verdict?.worst;
        return (
          <tr key={f.name} data-testid="drift-feature-row">
            <td dir="auto">{f.name}</td>
            <td>{t(`drift.tests.${f.test}`)}</td>
            <td>{t(`drift.reasons.${f.reason}`)}</td>
            <td>
              <bdi dir="ltr">
                {worst ? formatNumber(Math.round(worst.value * 1e4) / 1e4, language) : '—'}
              </bdi>{' '}
              <span className="muted">
                {t(driftsBelow(f.test) ? 'drift.ruleBelow' : 'drift.ruleAtLeast', {
                  threshold: formatNumber(f.threshold, language),
                })}
                {worst && verdict.hosts > 1 && (
                  <> {t('drift.onHost', { host: names.get(worst.hostId) ?? `#${worst.hostId}` })}</>
                )}
              </span>
            </td>
            <td>
              {verdict && (
                <>
                  <Badge tone={verdict.drifting > 0 ? 'danger' : 'success'}>
                    {t(verdict.drifting > 0 ? 'drift.drifted' : 'drift.stable')}
                  </Badge>
                  {verdict.hosts > 1 && (
                    <span className="muted">
                      {' '}
                      {verdict.drifting > 0
                        ? t('drift.driftingHosts', {
                            drifting: formatNumber(verdict.drifting, language),
                            total: formatNumber(verdict.hosts, language),
                          })
                        : t('drift.allHosts', { total: formatNumber(verdict.hosts, language) })}
                    </span>
                  )}
                </>
              )}
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

// Which rules are noisy: per rule and source, how many alerts fired and how the responders judged
// them, how many flapped or were silenced; the noisiest rules also as stacked bars.
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart.tsx';
import { noiseBarOption, noisiestRules } from '../../charts/mttxOptions.ts';
import { formatNumber } from '../../i18n/format.ts';
import {
  NOISE_DAYS,
  selectNoiseReport,
  type NoiseReportRow,
} from '../../store/alertStreamSlice.ts';
import { useAppStore } from '../../store/index.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { SourceBadge } from './AlertBadges.tsx';

type Ranked = NoiseReportRow & { label: string };

/** Noise among the judged alerts, as a whole percentage; null when none were judged. */
const noiseShare = (r: NoiseReportRow) =>
  r.useful + r.noise === 0 ? null : Math.round((r.noise / (r.useful + r.noise)) * 100);

function NoiseChart({ rows }: { rows: readonly Ranked[] }) {
  const { t } = useTranslation();
  const theme = useAppStore((s) => s.theme);
  const rtl = useAppStore((s) => s.language === 'ar');
  const option = useMemo(
    () =>
      noiseBarOption({
        rows,
        names: {
          useful: t('alertStream.noise.series.useful'),
          noise: t('alertStream.noise.series.noise'),
          unjudged: t('alertStream.noise.series.unjudged'),
        },
        rtl,
      }),
    [rows, t, rtl],
  );
  const title = t('alertStream.noise.chart');
  return (
    <section
      className="fleet-chart"
      aria-label={title}
      data-testid="noise-chart"
      data-rules={Math.min(rows.length, 12)}
    >
      <header className="fleet-chart-header">
        <h3 className="fleet-chart-title">{title}</h3>
      </header>
      <EChart option={option} theme={theme} ariaLabel={title} className="noise-chart-canvas" />
    </section>
  );
}

export function NoiseReportTab() {
  const { t } = useTranslation();
  const remote = useAppStore(selectNoiseReport);
  const days = useAppStore((s) => s.noiseDays);
  const setDays = useAppStore((s) => s.setNoiseDays);
  const load = useAppStore((s) => s.loadNoiseReport);
  const language = useAppStore((s) => s.language);
  const n = (v: number) => formatNumber(v, language);

  useEffect(() => {
    void load();
  }, [days, load]);

  const ranked = useMemo(() => {
    const rows = (remote.data ?? []).map((r) => ({
      ...r,
      label: `${r.rule} · ${t(`alertStream.sources.${r.source}`)}`,
    }));
    const order = new Map(noisiestRules(rows).map((r, i) => [r, i]));
    return rows.sort(
      (a, b) =>
        (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) ||
        b.noise - a.noise ||
        b.total - a.total,
    );
  }, [remote.data, t]);

  return (
    <div className="tab-content" data-testid="noise-tab">
      <div className="stream-bar">
        <p className="muted">{t('alertStream.noise.subtitle')}</p>
        <div className="segmented" role="group" aria-label={t('alertStream.noise.range')}>
          {NOISE_DAYS.map((d) => (
            <button
              key={d}
              type="button"
              className="segment"
              aria-pressed={days === d}
              onClick={() => setDays(d)}
              data-testid="noise-range"
              data-days={d}
            >
              {t('mttx.days', { count: d })}
            </button>
          ))}
        </div>
      </div>
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={() => void load()} testId="noise-error" />
      )}
      {!remote.data && remote.status === 'loading' && <LoadingBlock />}
      {remote.data && ranked.length === 0 && (
        <div data-testid="noise-empty">
          <EmptyState title={t('alertStream.noise.empty', { count: days })} />
        </div>
      )}
      {ranked.length > 0 && (
        <>
          <NoiseChart rows={ranked} />
          <Table
            caption={t('alertStream.tabs.noise')}
            head={
              <tr>
                <th>{t('alertStream.noise.columns.rule')}</th>
                <th>{t('alertStream.noise.columns.source')}</th>
                <th>{t('alertStream.noise.columns.total')}</th>
                <th>{t('alertStream.noise.columns.useful')}</th>
                <th>{t('alertStream.noise.columns.noise')}</th>
                <th>{t('alertStream.noise.columns.unjudged')}</th>
                <th>{t('alertStream.noise.columns.flapping')}</th>
                <th>{t('alertStream.noise.columns.silenced')}</th>
                <th>{t('alertStream.noise.columns.share')}</th>
              </tr>
            }
          >
            {ranked.map((r) => {
              const share = noiseShare(r);
              return (
                <tr
                  key={`${r.source}|${r.rule}`}
                  data-testid="noise-row"
                  data-rule={r.rule}
                  data-source={r.source}
                >
                  <td className="mono" dir="ltr">
                    {r.rule}
                  </td>
                  <td>
                    <SourceBadge source={r.source} />
                  </td>
                  <td className="num">{n(r.total)}</td>
                  <td className="num">{n(r.useful)}</td>
                  <td className="num">{n(r.noise)}</td>
                  <td className="num">{n(r.unjudged)}</td>
                  <td className="num">{n(r.flapping)}</td>
                  <td className="num">{n(r.silenced)}</td>
                  <td
                    className={`num${share !== null && share >= 50 ? ' danger-text' : ''}`}
                    data-testid="noise-share"
                  >
                    {share === null ? '—' : <span dir="ltr">{share} %</span>}
                  </td>
                </tr>
              );
            })}
          </Table>
        </>
      )}
    </div>
  );
}

// One experiment's numbers: per metric the effect with its always-valid interval, p-value, chance to
// win and CUPED; the sample-ratio check; each guardrail with the harm seen against its limit.
import { useTranslation } from 'react-i18next';
import type { Experiment } from '../../../shared/ipc/experimentSchemas.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Table } from '../../ui/Table.tsx';

/** Figures and version arrows read left to right on an Arabic page too ("+20.00 %", "1 → 3"). */
export function Ltr({ children }: { children: string }) {
  return (
    <span dir="ltr" className="experiment-ltr">
      {children}
    </span>
  );
}

type Analysis = NonNullable<Experiment['analysis']>;
type MetricRow = Analysis['metrics'][number];

/** A metric's value as operators read it: latency in ms, ratios in %. */
function value(metric: string, v: number): string {
  return metric === 'latency' ? `${(v * 1000).toFixed(1)} ms` : `${(v * 100).toFixed(2)} %`;
}
/** An effect: relative (latency) or absolute points of a ratio, both shown in %. */
const effect = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(2)} %`;
const pValue = (p: number) => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));

function MetricLine({ m }: { m: MetricRow }) {
  const { t } = useTranslation();
  return (
    <tr data-testid={`experiment-metric-${m.metric}`}>
      <th scope="row">{t(`experiments.metrics.${m.metric}`)}</th>
      <td className="num">
        <Ltr>{value(m.metric, m.control.mean)}</Ltr>
      </td>
      <td className="num">
        <Ltr>{value(m.metric, m.variant.mean)}</Ltr>
      </td>
      <td className="num">
        <Ltr>{effect(m.estimate)}</Ltr>
      </td>
      <td className="num">
        <Ltr>{`[${effect(m.interval[0])}, ${effect(m.interval[1])}]`}</Ltr>
      </td>
      <td className="num">
        <Ltr>{pValue(m.pValue)}</Ltr>
      </td>
      <td className="num">
        <Ltr>{`${(m.chanceToWin * 100).toFixed(1)} %`}</Ltr>
      </td>
      <td>
        {m.cuped
          ? t('experiments.results.cupedApplied', {
              theta: m.cuped.theta.toFixed(3),
              reduction: (m.cuped.varianceReduction * 100).toFixed(1),
            })
          : t('experiments.results.cupedNone')}
      </td>
    </tr>
  );
}

export function ExperimentResults({ experiment }: { experiment: Experiment }) {
  const { t } = useTranslation();
  const analysis = experiment.analysis;
  const srm = analysis?.srm;
  return (
    <>
      <section aria-labelledby="experiment-srm">
        <h3 id="experiment-srm">{t('experiments.srm.title')}</h3>
        <p data-testid="experiment-srm" data-mismatch={srm?.isMismatch ? 'true' : 'false'}>
          {srm ? (
            <Badge tone={srm.isMismatch ? 'danger' : 'success'}>
              {t(srm.isMismatch ? 'experiments.srm.mismatch' : 'experiments.srm.ok', {
                p: pValue(srm.pValue),
              })}
            </Badge>
          ) : (
            t('experiments.srm.none')
          )}
        </p>
      </section>
      <section aria-labelledby="experiment-results">
        <h3 id="experiment-results">{t('experiments.results.title')}</h3>
        {analysis && (
          <p>
            {t('experiments.results.units', {
              control: analysis.units.control,
              variant: analysis.units.variant,
              min: experiment.minSampleSize,
            })}
          </p>
        )}
        {!analysis || analysis.metrics.length === 0 ? (
          <p data-testid="experiment-no-results">{t('experiments.results.none')}</p>
        ) : (
          <Table
            caption={t('experiments.results.title')}
            head={
              <tr>
                <th>{t('experiments.results.metric')}</th>
                <th>{t('experiments.results.control')}</th>
                <th>{t('experiments.results.variant')}</th>
                <th>{t('experiments.results.estimate')}</th>
                <th>{t('experiments.results.interval')}</th>
                <th>{t('experiments.results.pValue')}</th>
                <th>{t('experiments.results.chance')}</th>
                <th>{t('experiments.results.cuped')}</th>
              </tr>
            }
          >
            {analysis.metrics.map((m) => (
              <MetricLine key={m.metric} m={m} />
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="experiment-guardrails">
        <h3 id="experiment-guardrails">{t('experiments.guardrails.title')}</h3>
        <Table
          caption={t('experiments.guardrails.title')}
          head={
            <tr>
              <th>{t('experiments.guardrails.metric')}</th>
              <th>{t('experiments.guardrails.limit')}</th>
              <th>{t('experiments.guardrails.observed')}</th>
              <th>{t('experiments.fields.status')}</th>
            </tr>
          }
        >
          {experiment.guardrails.map((g) => {
            const judged = analysis?.guardrails.find((j) => j.metric === g.metric);
            const isDrift = g.metric === 'drift';
            return (
              <tr key={g.metric} data-testid={`experiment-guardrail-${g.metric}`}>
                <th scope="row">
                  {t(`experiments.metrics.${g.metric}`)}
                  {g.slo && (
                    <span className="hint">
                      {' '}
                      · {t('experiments.guardrails.fromSlo', { name: g.slo })}
                    </span>
                  )}
                </th>
                <td className="num">
                  <Ltr>{isDrift ? g.maxHarm.toFixed(3) : effect(g.maxHarm)}</Ltr>
                </td>
                <td className="num">
                  <Ltr>
                    {judged?.observed == null
                      ? '—'
                      : isDrift
                        ? judged.observed.toFixed(3)
                        : effect(judged.observed)}
                  </Ltr>
                </td>
                <td data-breached={judged?.isBreached ? 'true' : 'false'}>
                  {judged?.observed == null ? (
                    t('experiments.guardrails.noData')
                  ) : (
                    <Badge tone={judged.isBreached ? 'danger' : 'success'}>
                      {t(
                        judged.isBreached
                          ? 'experiments.guardrails.breached'
                          : 'experiments.guardrails.holding',
                      )}
                    </Badge>
                  )}
                </td>
              </tr>
            );
          })}
        </Table>
      </section>
    </>
  );
}

// A drill's score and how it was earned: each component of the expected response with its target,
// what happened, the points earned of its weight, and the timeline evidence behind it.
import { useTranslation } from 'react-i18next';
import type { ScoreComponent } from '../../../shared/domain/drills/score.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';

export function earnedPoints(component: ScoreComponent): number {
  return Math.round(component.fraction * component.weight * 10) / 10;
}

export function ScoreFigure({ score }: { score: number | null }) {
  const { t } = useTranslation();
  return (
    <p className="drill-row" data-testid="drill-score" data-score={score ?? ''}>
      <span className="drill-score mono">{score ?? '—'}</span>
      <span className="drill-score-of">{t('drills.run.outOf')}</span>
    </p>
  );
}

export function ScoreBreakdown({ components }: { components: readonly ScoreComponent[] }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  if (components.length === 0) return <p className="muted">{t('drills.run.noComponents')}</p>;
  return (
    <Table
      caption={t('drills.run.breakdown')}
      head={
        <tr>
          <th scope="col">{t('drills.run.component')}</th>
          <th scope="col">{t('drills.run.target')}</th>
          <th scope="col">{t('drills.run.outcome')}</th>
          <th scope="col">{t('drills.run.earned')}</th>
          <th scope="col">{t('drills.run.evidence')}</th>
        </tr>
      }
    >
      {components.map((c) => (
        <tr key={c.key} data-testid="drill-component" data-key={c.key} data-fraction={c.fraction}>
          <th scope="row">{t(`drills.components.${c.key}`)}</th>
          <td dir="auto">{c.target}</td>
          <td dir="auto">{c.outcome}</td>
          <td className="mono drill-earned" data-testid="drill-component-earned">
            {t('drills.run.points', {
              earned: formatNumber(earnedPoints(c), language),
              weight: formatNumber(c.weight, language),
            })}
          </td>
          <td>
            {c.evidence.length === 0 ? (
              <span className="muted">{t('drills.run.noEvidence')}</span>
            ) : (
              <ul className="drill-list">
                {c.evidence.map((e, i) => (
                  <li key={i}>
                    <Timestamp iso={new Date(e.atMs).toISOString()} timeZone={timeZone} />{' '}
                    <span dir="auto">{e.text}</span>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </Table>
  );
}

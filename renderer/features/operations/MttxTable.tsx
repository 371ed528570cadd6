// One breakdown of the mean times (by priority, category or service): each row's count and its
// MTTD, MTTA and MTTR; by priority, MTTA and MTTR are marked against the respond and resolve targets.
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/domain/incidents/targets.ts';
import type { IncidentStats } from '../../../shared/ipc/contract.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { Table } from '../../ui/Table.tsx';
import { formatMttx, targetTone } from './mttxFormat.ts';

type Row = IncidentStats['byPriority'][number];

interface MttxTableProps {
  title: string;
  kind: 'priority' | 'category' | 'service';
  rows: readonly Row[];
  keyLabel: (key: string) => string;
  targets?: Targets | null;
}

export function MttxTable({ title, kind, rows, keyLabel, targets }: MttxTableProps) {
  const { t } = useTranslation();
  const language = useAppStore((s) => s.language);
  const target = (key: string) =>
    targets && key in targets ? targets[key as keyof Targets] : undefined;
  return (
    <section className="panel mttx-table" aria-label={title} data-testid={`mttx-by-${kind}`}>
      <h3 className="home-card-title">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('mttx.noRows')}</p>
      ) : (
        <Table
          caption={title}
          head={
            <tr>
              <th>{t(`mttx.columns.${kind}`)}</th>
              <th>{t('mttx.columns.count')}</th>
              <th>{t('mttx.mttd')}</th>
              <th>{t('mttx.mtta')}</th>
              <th>{t('mttx.mttr')}</th>
            </tr>
          }
        >
          {rows.map((row) => {
            const goal = target(row.key);
            const respond = targetTone(row.mttaMinutes, goal?.respondMinutes);
            const resolve = targetTone(row.mttrMinutes, goal?.resolveMinutes);
            return (
              <tr key={row.key} data-testid="mttx-row" data-key={row.key}>
                <th scope="row" className="mttx-key">
                  {keyLabel(row.key)}
                </th>
                <td className="num">{formatNumber(row.count, language)}</td>
                <td className="num" data-testid="mttx-mttd">
                  {formatMttx(row.mttdMinutes, t)}
                </td>
                <td
                  className={`num mttx-${respond}`}
                  data-testid="mttx-mtta"
                  data-target={respond}
                  title={
                    goal
                      ? t('mttx.targetTitle', { target: formatMttx(goal.respondMinutes, t) })
                      : undefined
                  }
                >
                  {formatMttx(row.mttaMinutes, t)}
                </td>
                <td
                  className={`num mttx-${resolve}`}
                  data-testid="mttx-mttr"
                  data-target={resolve}
                  title={
                    goal
                      ? t('mttx.targetTitle', { target: formatMttx(goal.resolveMinutes, t) })
                      : undefined
                  }
                >
                  {formatMttx(row.mttrMinutes, t)}
                </td>
              </tr>
            );
          })}
        </Table>
      )}
    </section>
  );
}

// Every SLO, least budget first, virtualised like the audit and host tables: 1,000 SLOs keep a few
// dozen memoised rows in the DOM. An SLO that cannot be evaluated shows why in its own row.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SloSummary } from '../../../shared/ipc/contract.ts';
import { SloStatusBadge } from './SloBadges.tsx';
import { isProvisional, provisionalTitle } from './SloCoverage.tsx';
import { budgetTone, formatBudget, formatBurnRate, formatPercent } from './sloFormat.ts';
import { Sparkline } from './Sparkline.tsx';

const ROW_HEIGHT = 48;
export const SLO_COLUMNS = [
  'name',
  'status',
  'objective',
  'attainment',
  'budget',
  'burnRate',
  'alerts',
  'sparkline',
] as const;

interface SloRowProps {
  slo: SloSummary;
  index: number;
  start: number;
  onOpen: (name: string) => void;
}

const SloRow = memo(function SloRow({ slo, index, start, onOpen }: SloRowProps) {
  const { t } = useTranslation();
  // Figures over minutes of a long window are shown, but neither red nor green: they are provisional.
  const provisional = slo.coverage !== null && isProvisional(slo) ? slo.coverage : null;
  const tone = provisional ? 'none' : budgetTone(slo);
  const figureTitle = provisional ? provisionalTitle(provisional, t) : undefined;
  const figureClass = provisional ? ' slo-provisional' : '';
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(slo.name);
    }
  };
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      tabIndex={0}
      className={`vtable-row slo-grid slo-row-${slo.status}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={() => onOpen(slo.name)}
      onKeyDown={onKeyDown}
      data-testid="slo-row"
      data-name={slo.name}
      data-status={slo.status}
      data-budget={slo.budgetRemaining ?? ''}
      data-provisional={provisional ? 'true' : undefined}
    >
      <div role="cell" className="vtable-cell slo-name-cell">
        <span className="truncate slo-display-name" title={slo.displayName || slo.name}>
          {slo.displayName || slo.name}
        </span>
        <span className="truncate muted slo-sub">
          <span className="mono" dir="ltr">
            {slo.name}
          </span>{' '}
          · {slo.model}
        </span>
      </div>
      <div role="cell" className="vtable-cell">
        <SloStatusBadge status={slo.status} />
      </div>
      {slo.error ? (
        <div
          role="cell"
          className="vtable-cell slo-row-error"
          title={slo.error}
          data-testid="slo-row-error"
        >
          {slo.error}
        </div>
      ) : (
        <>
          <div role="cell" className="vtable-cell num" dir="ltr">
            {formatPercent(slo.objective)}
          </div>
          <div
            role="cell"
            className={`vtable-cell num${figureClass}`}
            dir="ltr"
            title={figureTitle}
          >
            {formatPercent(slo.attainment)}
          </div>
          <div
            role="cell"
            className={`vtable-cell num slo-budget-${tone}${figureClass}`}
            dir="ltr"
            title={figureTitle}
            data-testid="slo-row-budget"
          >
            {formatBudget(slo.budgetRemaining)}
          </div>
          <div role="cell" className="vtable-cell num" dir="ltr">
            {formatBurnRate(slo.burnRate)}
          </div>
          <div
            role="cell"
            className={`vtable-cell num${slo.firingAlerts > 0 ? ' danger-text' : ''}`}
          >
            {slo.firingAlerts}
          </div>
          <div role="cell" className="vtable-cell slo-spark-cell">
            <Sparkline
              values={slo.sparkline}
              objective={slo.objective}
              tone={tone}
              label={t('slo.columns.sparkline')}
            />
          </div>
        </>
      )}
    </div>
  );
});

export function SloTable({
  slos,
  onOpen,
}: {
  slos: readonly SloSummary[];
  onOpen: (name: string) => void;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: slos.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  return (
    <div
      className="vtable slo-table"
      role="table"
      aria-label={t('slo.title')}
      aria-rowcount={slos.length + 1}
    >
      <div className="vtable-head" role="rowgroup">
        <div className="vtable-row slo-grid" role="row" aria-rowindex={1}>
          {SLO_COLUMNS.map((column) => (
            <div key={column} role="columnheader" className="vtable-cell">
              {t(`slo.columns.${column}`)}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} className="vtable-body" role="rowgroup" data-testid="slo-table">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const slo = slos[item.index];
            return slo ? (
              <SloRow
                key={slo.name}
                slo={slo}
                index={item.index}
                start={item.start}
                onOpen={onOpen}
              />
            ) : null;
          })}
        </div>
      </div>
    </div>
  );
}

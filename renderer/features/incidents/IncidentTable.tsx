// The incident queue as a virtualised grid: 10,000 incidents keep a few dozen memoised rows in the
// DOM. Arrow keys, Home/End and Page Up/Down move the active row; Enter opens it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../../shared/ipc/contract.ts';
import type { IncidentSort, IncidentSortKey } from '../../store/incidentsViewSlice.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { useNow } from '../fleet/useNow.ts';
import { MajorMark, PriorityBadge, StateBadge } from './IncidentBadges.tsx';
import { TargetClock } from './TargetClock.tsx';

const ROW_HEIGHT = 44;
/** Rows a Page Up/Down moves. */
const PAGE_ROWS = 10;
const COLUMNS: readonly IncidentSortKey[] = [
  'priority',
  'id',
  'title',
  'state',
  'category',
  'service',
  'respond',
  'resolve',
  'opened',
];

interface RowProps {
  incident: IncidentSummary;
  index: number;
  start: number;
  isActive: boolean;
  now: number;
  timeZone: string;
  onOpen: (id: number) => void;
}

const IncidentRow = memo(function IncidentRow(props: RowProps) {
  const { incident: i, index, start, isActive, now, timeZone, onOpen } = props;
  const { t } = useTranslation();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={isActive}
      tabIndex={isActive ? 0 : -1}
      className={`vtable-row incident-grid incident-row-${i.priority}${isActive ? ' is-selected' : ''}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={() => onOpen(i.id)}
      data-testid="incident-row"
      data-incident-id={i.id}
      data-priority={i.priority}
      data-state={i.state}
    >
      <div role="gridcell" className="vtable-cell">
        <PriorityBadge priority={i.priority} />
      </div>
      <div role="gridcell" className="vtable-cell mono muted" dir="ltr">
        #{i.id}
      </div>
      <div role="gridcell" className="vtable-cell incident-title-cell">
        <span className="truncate" title={i.title} dir="auto" data-testid="incident-row-title">
          {i.title}
        </span>
        {i.isMajor && <MajorMark />}
        {i.isDrill && <span className="incident-drill">{t('incidents.drill')}</span>}
      </div>
      <div role="gridcell" className="vtable-cell">
        <StateBadge state={i.state} />
      </div>
      <div role="gridcell" className="vtable-cell truncate">
        {t(`incidents.categories.${i.category}`)}
      </div>
      <div
        role="gridcell"
        className="vtable-cell truncate muted"
        title={i.service ?? undefined}
        dir={i.service ? 'auto' : undefined}
      >
        {i.service ?? '—'}
      </div>
      <div role="gridcell" className="vtable-cell">
        <TargetClock clock={i.respond} state={i.state} now={now} which="respond" />
      </div>
      <div role="gridcell" className="vtable-cell">
        <TargetClock clock={i.resolve} state={i.state} now={now} which="resolve" />
      </div>
      <div role="gridcell" className="vtable-cell">
        <Timestamp iso={i.openedAt} timeZone={timeZone} />
      </div>
    </div>
  );
});

interface IncidentTableProps {
  incidents: readonly IncidentSummary[];
  sort: IncidentSort;
  activeId: number | null;
  timeZone: string;
  onSort: (key: IncidentSortKey) => void;
  onActive: (id: number) => void;
  onOpen: (id: number) => void;
}

export function IncidentTable(props: IncidentTableProps) {
  const { incidents, sort, activeId, timeZone, onSort, onActive, onOpen } = props;
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const isKeyboardMove = useRef(false);
  const now = useNow(15_000);
  const virtualizer = useVirtualizer({
    count: incidents.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const found = activeId === null ? -1 : incidents.findIndex((i) => i.id === activeId);
  const activeIndex = found === -1 ? 0 : found;
  const active = incidents[activeIndex];

  // Focus follows the keyboard once the virtualiser has drawn the row it scrolled to.
  useEffect(() => {
    if (!isKeyboardMove.current || !active) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-incident-id="${active.id}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      isKeyboardMove.current = false;
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!active) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(active.id);
      return;
    }
    const last = incidents.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, activeIndex + 1),
      ArrowUp: Math.max(0, activeIndex - 1),
      PageDown: Math.min(last, activeIndex + PAGE_ROWS),
      PageUp: Math.max(0, activeIndex - PAGE_ROWS),
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    const target = next === undefined ? undefined : incidents[next];
    if (next === undefined || !target) return;
    event.preventDefault();
    isKeyboardMove.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    onActive(target.id);
  };

  return (
    <div
      className="vtable incident-table"
      role="grid"
      aria-label={t('incidents.queue.label')}
      aria-rowcount={incidents.length + 1}
    >
      <div className="vtable-head" role="rowgroup">
        <div className="vtable-row incident-grid" role="row" aria-rowindex={1}>
          {COLUMNS.map((key) => {
            const isSorted = sort.key === key;
            const direction = sort.isDescending ? 'descending' : 'ascending';
            return (
              <div
                key={key}
                role="columnheader"
                className="vtable-cell"
                aria-sort={isSorted ? direction : 'none'}
              >
                <button
                  type="button"
                  className="incident-sort"
                  onClick={() => onSort(key)}
                  data-testid={`incident-sort-${key}`}
                >
                  {t(`incidents.columns.${key}`)}
                  {isSorted && <span aria-hidden="true">{sort.isDescending ? ' ▼' : ' ▲'}</span>}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div
        ref={scroller}
        className="vtable-body"
        role="rowgroup"
        onKeyDown={onKeyDown}
        data-testid="incident-table"
      >
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const incident = incidents[item.index];
            if (!incident) return null;
            return (
              <IncidentRow
                key={incident.id}
                incident={incident}
                index={item.index}
                start={item.start}
                isActive={item.index === activeIndex}
                now={now}
                timeZone={timeZone}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

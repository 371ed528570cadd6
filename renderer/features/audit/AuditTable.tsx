// A virtualised table: only the rows in view are in the DOM, so 100k entries scroll smoothly.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/ipc/contract.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { AuditOutcomeBadge } from './AuditOutcomeBadge.tsx';
import { auditActionLabel, auditRoleLabel } from './auditText.ts';

const ROW_HEIGHT = 36;
const NEAR_END_ROWS = 20;

interface AuditTableProps {
  entries: AuditEntry[];
  total: number;
  timeZone: string;
  selectedSeq: number | null;
  onSelect: (seq: number) => void;
  onNearEnd: () => void;
}

export function AuditTable({
  entries,
  total,
  timeZone,
  selectedSeq,
  onSelect,
  onNearEnd,
}: AuditTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (entries.length > 0 && lastIndex >= entries.length - NEAR_END_ROWS) onNearEnd();
  }, [lastIndex, entries.length, onNearEnd]);

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, seq: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(seq);
    }
  };

  return (
    <div className="vtable" role="table" aria-label={t('audit.title')} aria-rowcount={total + 1}>
      <div className="vtable-head" role="rowgroup">
        <div className="vtable-row audit-grid" role="row" aria-rowindex={1}>
          {(['seq', 'time', 'actor', 'role', 'action', 'target', 'outcome'] as const).map(
            (column) => (
              <div key={column} role="columnheader" className="vtable-cell">
                {t(`audit.columns.${column}`)}
              </div>
            ),
          )}
        </div>
      </div>
      <div ref={scroller} className="vtable-body" role="rowgroup" data-testid="audit-table">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            const selected = entry.seq === selectedSeq;
            return (
              <div
                key={entry.seq}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                tabIndex={0}
                className={`vtable-row audit-grid audit-row-${entry.outcome}${selected ? ' is-selected' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => onSelect(entry.seq)}
                onKeyDown={(event) => onRowKey(event, entry.seq)}
                data-testid="audit-row"
                data-seq={entry.seq}
                data-action={entry.action}
                data-outcome={entry.outcome}
              >
                <div role="cell" className="vtable-cell mono muted">
                  {entry.seq}
                </div>
                <div role="cell" className="vtable-cell">
                  <Timestamp iso={entry.ts} timeZone={timeZone} />
                </div>
                <div role="cell" className="vtable-cell truncate">
                  <bdi>{entry.actor}</bdi>
                </div>
                <div role="cell" className="vtable-cell truncate muted" title={entry.role}>
                  {auditRoleLabel(entry.role, t)}
                </div>
                <div
                  role="cell"
                  className="vtable-cell truncate"
                  title={entry.action}
                  data-testid="audit-row-action"
                >
                  {auditActionLabel(entry.action, t)}
                </div>
                <div role="cell" className="vtable-cell truncate" title={entry.target}>
                  <bdi>{entry.target}</bdi>
                </div>
                <div role="cell" className="vtable-cell">
                  <AuditOutcomeBadge outcome={entry.outcome} />
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

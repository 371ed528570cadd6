// Every enrolled host, virtualised like the audit table: 200 hosts keep a few dozen rows in the DOM.
// Every column sorts; readings past their limit carry a mark, and a host that is not reporting
// shows its last readings greyed with their age.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import type { Language } from '../../store/uiSlice.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import '../../styles/fleetTable.css';
import { HostStateBadge, SimulatedMark } from './HostBadges.tsx';
import { CLOCK_OFFSET_WARN_MS, formatAgo, formatOffset } from './hostFormat.ts';
import {
  HOST_COLUMNS,
  isStale,
  nextSort,
  SIGNAL_COLUMNS,
  signalReading,
  sortHosts,
  type HostColumn,
  type HostSort,
  type SignalColumn,
} from './hostColumns.ts';
import { useNow } from './useNow.ts';
import { clusterDisplayName } from './systemNames.ts';

const ROW_HEIGHT = 40;

interface HostTableProps {
  hosts: readonly FleetHost[];
  timeZone: string;
  language: Language;
  onOpen: (hostId: number) => void;
}

function ColumnHeader({
  column,
  sort,
  onSort,
}: {
  column: HostColumn;
  sort: HostSort | null;
  onSort: (column: HostColumn) => void;
}) {
  const { t } = useTranslation();
  const isSorted = sort?.column === column;
  const full = t(`fleetTable.titles.${column}`);
  return (
    <div
      role="columnheader"
      className={`vtable-cell fleet-column-${column}`}
      aria-sort={isSorted ? (sort.isDescending ? 'descending' : 'ascending') : 'none'}
      title={full}
    >
      <button
        type="button"
        className="fleet-sort"
        onClick={() => onSort(column)}
        aria-label={t('fleetTable.sortBy', { column: full })}
        data-testid={`fleet-sort-${column}`}
      >
        <span className="truncate">{t(`fleetTable.columns.${column}`)}</span>
        <span className="fleet-sort-mark" aria-hidden="true">
          {isSorted ? (sort.isDescending ? '▼' : '▲') : ''}
        </span>
      </button>
    </div>
  );
}

function SignalCell({ host, column, ago }: { host: FleetHost; column: SignalColumn; ago: string }) {
  const { t } = useTranslation();
  const reading = signalReading(host, column);
  const stale = isStale(host) && reading.text !== '—';
  const notes = [
    reading.limitText && t(`fleetTable.level.${reading.level}`, { limit: reading.limitText }),
    stale && t('fleetTable.stale', { ago }),
  ].filter(Boolean);
  return (
    <div
      role="cell"
      className={`vtable-cell num fleet-signal signal-${reading.level}${stale ? ' is-stale' : ''}`}
      title={notes.length > 0 ? notes.join(' · ') : undefined}
      data-column={column}
      data-level={reading.level}
      data-stale={stale || undefined}
    >
      {reading.level !== 'ok' && (
        <span className="signal-mark" aria-hidden="true">
          {reading.level === 'critical' ? '⚠' : '▲'}
        </span>
      )}
      <bdi dir="ltr">{reading.text}</bdi>
      {notes.length > 0 && <span className="visually-hidden">, {notes.join(', ')}</span>}
    </div>
  );
}

export function HostTable({ hosts, timeZone, language, onOpen }: HostTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(10_000);
  const [sort, setSort] = useState<HostSort | null>(null);
  const rows = useMemo(() => sortHosts(hosts, sort), [hosts, sort]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  const onRowKey = (event: KeyboardEvent<HTMLDivElement>, id: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(id);
    }
  };

  return (
    <div
      className="vtable fleet-table"
      role="table"
      aria-label={t('fleet.hosts')}
      aria-rowcount={rows.length + 1}
    >
      <div className="vtable-head" role="rowgroup">
        <div className="vtable-row fleet-grid" role="row" aria-rowindex={1}>
          {HOST_COLUMNS.map((column) => (
            <ColumnHeader
              key={column}
              column={column}
              sort={sort}
              onSort={(c) => setSort((s) => nextSort(s, c))}
            />
          ))}
        </div>
      </div>
      <div ref={scroller} className="vtable-body" role="rowgroup" data-testid="fleet-host-table">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const host = rows[item.index];
            if (!host) return null;
            const offsetWarn =
              host.clockOffsetMs !== null && Math.abs(host.clockOffsetMs) > CLOCK_OFFSET_WARN_MS;
            const ago = host.lastSeenAt ? formatAgo(host.lastSeenAt, now, language) : '';
            return (
              <div
                key={host.id}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={0}
                className={`vtable-row fleet-grid fleet-row-${host.state}${host.simulated ? ' is-simulated' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => onOpen(host.id)}
                onKeyDown={(event) => onRowKey(event, host.id)}
                data-testid="fleet-host-row"
                data-host-id={host.id}
                data-state={host.state}
                data-simulated={host.simulated}
              >
                <div role="cell" className="vtable-cell fleet-host-name">
                  <bdi className="truncate" title={host.name} data-testid="fleet-host-name">
                    {host.name}
                  </bdi>
                  {host.simulated && <SimulatedMark />}
                </div>
                <div role="cell" className="vtable-cell truncate muted" title={host.clusterName}>
                  <bdi>{clusterDisplayName(host.clusterName, t)}</bdi>
                </div>
                <div role="cell" className="vtable-cell" title={host.stateReason ?? undefined}>
                  <HostStateBadge state={host.state} />
                </div>
                <div role="cell" className="vtable-cell fleet-last-seen">
                  {host.lastSeenAt ? (
                    <>
                      <Timestamp iso={host.lastSeenAt} timeZone={timeZone} />
                      <span className="muted">{ago}</span>
                    </>
                  ) : (
                    <span className="muted">{t('fleet.never')}</span>
                  )}
                </div>
                <div
                  role="cell"
                  className={`vtable-cell mono num fleet-column-clockOffset${offsetWarn ? ' offset-warn' : ''}`}
                  dir="ltr"
                  data-offset-warn={offsetWarn || undefined}
                >
                  {host.clockOffsetMs === null ? '—' : formatOffset(host.clockOffsetMs)}
                </div>
                <div role="cell" className="vtable-cell num fleet-column-gpus">
                  {host.gpuCount}
                </div>
                {SIGNAL_COLUMNS.map((column) => (
                  <SignalCell key={column} host={host} column={column} ago={ago} />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

// Every enrolled host, virtualised like the audit table: 200 hosts keep a few dozen rows in the DOM.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { clusterDisplayName } from './systemNames.ts';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import type { Language } from '../../store/uiSlice.ts';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { HostStateBadge, SimulatedMark } from './HostBadges.tsx';
import { CLOCK_OFFSET_WARN_MS, formatAgo, formatOffset, formatSignal } from './hostFormat.ts';
import { METRIC } from './metrics.ts';
import { useNow } from './useNow.ts';

const ROW_HEIGHT = 40;
const COLUMNS = [
  'name',
  'cluster',
  'state',
  'lastSeen',
  'clockOffset',
  'gpus',
  'cpu',
  'gpuUtil',
  'gpuTemp',
  'p99',
] as const;

interface HostTableProps {
  hosts: readonly FleetHost[];
  timeZone: string;
  language: Language;
  onOpen: (hostId: number) => void;
}

export function HostTable({ hosts, timeZone, language, onOpen }: HostTableProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(10_000);
  const virtualizer = useVirtualizer({
    count: hosts.length,
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
      aria-rowcount={hosts.length + 1}
    >
      <div className="vtable-head" role="rowgroup">
        <div className="vtable-row fleet-grid" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => (
            <div key={column} role="columnheader" className="vtable-cell">
              {t(`fleet.columns.${column}`)}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} className="vtable-body" role="rowgroup" data-testid="fleet-host-table">
        <div className="vtable-spacer" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const host = hosts[item.index];
            if (!host) return null;
            const offsetWarn =
              host.clockOffsetMs !== null && Math.abs(host.clockOffsetMs) > CLOCK_OFFSET_WARN_MS;
            const s = host.signals;
            const p99 = s[METRIC.p99];
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
                      <span className="muted">{formatAgo(host.lastSeenAt, now, language)}</span>
                    </>
                  ) : (
                    <span className="muted">{t('fleet.never')}</span>
                  )}
                </div>
                <div
                  role="cell"
                  className={`vtable-cell mono${offsetWarn ? ' offset-warn' : ''}`}
                  dir="ltr"
                  data-offset-warn={offsetWarn || undefined}
                >
                  {host.clockOffsetMs === null ? '—' : formatOffset(host.clockOffsetMs)}
                </div>
                <div role="cell" className="vtable-cell num">
                  {host.gpuCount}
                </div>
                <div role="cell" className="vtable-cell num" dir="ltr">
                  {formatSignal(s[METRIC.hostCpu], '%')}
                </div>
                <div role="cell" className="vtable-cell num" dir="ltr">
                  {formatSignal(s[METRIC.gpuUtil], '%')}
                </div>
                <div role="cell" className="vtable-cell num" dir="ltr">
                  {formatSignal(s[METRIC.gpuTemp], '°C')}
                </div>
                <div role="cell" className="vtable-cell num" dir="ltr">
                  {formatSignal(p99 === undefined ? undefined : p99 * 1000, 'ms')}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

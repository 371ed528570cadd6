// One host: how the console reaches it, its GPUs, model services and recent agent events, and charts.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetHostDetail } from '../../../shared/ipc/contract.ts';
import { actionDescription, agentEventKind, agentEventText } from './agentEventText.ts';
import { clusterDisplayName } from './systemNames.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { HostStateBadge, SimulatedMark } from './HostBadges.tsx';
import { CLOCK_OFFSET_WARN_MS, formatOffset, formatSignal } from './hostFormat.ts';
import { HOST_CHARTS, METRIC, MODEL_CHARTS, toGiB } from './metrics.ts';
import { RangePicker } from './RangePicker.tsx';
import { FaultDialog } from './FaultDialog.tsx';
import { ModelVersionsDialog } from '../models/ModelVersionsDialog.tsx';
import { RevokeDialog } from './RevokeDialog.tsx';
import { SeriesChart } from './SeriesChart.tsx';

const SEVERITY_TONE = { info: 'neutral', warning: 'warning', critical: 'danger' } as const;
const NO_LABELS: Record<string, string> = {};

export const gpuIndexOf = (gpu: FleetHostDetail['gpus'][number], position: number) =>
  gpu.labels.index ?? String(position);

function ConnectionFacts({ detail }: { detail: FleetHostDetail }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const { host } = detail;
  const offsetWarn =
    host.clockOffsetMs !== null && Math.abs(host.clockOffsetMs) > CLOCK_OFFSET_WARN_MS;
  return (
    <section className="panel">
      <h2 className="panel-subtitle">{t('fleet.detail.connection')}</h2>
      <dl className="facts">
        <dt>{t('fleet.detail.address')}</dt>
        <dd className="mono" dir="ltr">
          {host.address}
        </dd>
        <dt>{t('fleet.detail.agentId')}</dt>
        <dd className="mono truncate" dir="ltr">
          {host.agentId}
        </dd>
        <dt>{t('fleet.columns.cluster')}</dt>
        <dd>
          <bdi>{clusterDisplayName(host.clusterName, t)}</bdi>
        </dd>
        <dt>{t('fleet.columns.state')}</dt>
        <dd>
          <HostStateBadge state={host.state} />{' '}
          {host.stateReason && <span className="muted">{host.stateReason}</span>}
        </dd>
        <dt>{t('fleet.columns.lastSeen')}</dt>
        <dd>
          {host.lastSeenAt ? (
            <Timestamp iso={host.lastSeenAt} timeZone={timeZone} />
          ) : (
            t('fleet.never')
          )}
        </dd>
        <dt>{t('fleet.columns.clockOffset')}</dt>
        <dd className={offsetWarn ? 'offset-warn' : undefined}>
          <span className="mono" dir="ltr">
            {host.clockOffsetMs === null ? '—' : formatOffset(host.clockOffsetMs)}
          </span>
          {offsetWarn && <span> · {t('fleet.detail.offsetWarn')}</span>}
        </dd>
        <dt>{t('fleet.detail.enrolledAt')}</dt>
        <dd>
          <Timestamp iso={host.enrolledAt} timeZone={timeZone} />
        </dd>
        {host.revokedAt && (
          <>
            <dt>{t('fleet.detail.revokedAt')}</dt>
            <dd>
              <Timestamp iso={host.revokedAt} timeZone={timeZone} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function GpuList({ detail }: { detail: FleetHostDetail }) {
  const { t } = useTranslation();
  const openGpu = useAppStore((s) => s.openFleetGpu);
  if (detail.gpus.length === 0) return <p className="muted">{t('fleet.detail.noGpus')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t('fleet.gpu.index')}</th>
            <th>{t('fleet.gpu.name')}</th>
            <th>{t('fleet.charts.gpuUtil')}</th>
            <th>{t('fleet.charts.gpuMemory')}</th>
            <th>{t('fleet.charts.gpuTemp')}</th>
            <th>{t('fleet.charts.gpuPower')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.gpus.map((gpu, position) => {
            const m = gpu.metrics;
            const index = gpuIndexOf(gpu, position);
            const memUsed = m[METRIC.gpuMemUsed];
            return (
              <tr
                key={gpu.gpu}
                data-testid="fleet-gpu-row"
                data-gpu-index={index}
                data-gpu={gpu.gpu}
              >
                <td>
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() => openGpu(detail.host.id, gpu.gpu)}
                  >
                    {t('fleet.gpuN', { index })}
                  </button>
                </td>
                <td className="truncate" title={gpu.labels.uuid}>
                  {gpu.name ?? gpu.labels.modelName ?? '—'}
                </td>
                <td dir="ltr">{formatSignal(m[METRIC.gpuUtil], '%')}</td>
                <td dir="ltr">
                  {formatSignal(memUsed === undefined ? undefined : toGiB(memUsed), 'GiB', 1)}
                </td>
                <td dir="ltr">{formatSignal(m[METRIC.gpuTemp], '°C')}</td>
                <td dir="ltr">
                  {formatSignal(m[METRIC.gpuPower], 'W')}
                  {m[METRIC.gpuPowerLimit] !== undefined && (
                    <span className="muted"> / {formatSignal(m[METRIC.gpuPowerLimit], 'W')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ModelServices({
  detail,
  selected,
  onSelect,
  onVersions,
}: {
  detail: FleetHostDetail;
  selected: number;
  onSelect: (i: number) => void;
  onVersions: (model: string) => void;
}) {
  const { t } = useTranslation();
  if (detail.modelServices.length === 0)
    return <p className="muted">{t('fleet.detail.noModels')}</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t('fleet.model.name')}</th>
            <th>{t('fleet.model.version')}</th>
            <th>{t('fleet.charts.p99')}</th>
            <th>{t('fleet.model.queue')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {detail.modelServices.map((service, i) => {
            const p99 = service.metrics[METRIC.p99];
            return (
              <tr
                key={`${service.model}\u0001${service.version}`}
                data-testid="fleet-model-row"
                aria-selected={i === selected}
              >
                <td className="truncate">{service.model}</td>
                <td className="mono" dir="ltr">
                  {service.version || '—'}
                </td>
                <td dir="ltr">{formatSignal(p99 === undefined ? undefined : p99 * 1000, 'ms')}</td>
                <td dir="ltr">{formatSignal(service.metrics.queue_depth, '')}</td>
                <td className="cell-actions">
                  <Button
                    size="sm"
                    variant={i === selected ? 'primary' : 'ghost'}
                    onClick={() => onSelect(i)}
                    aria-pressed={i === selected}
                  >
                    {t('fleet.model.showCharts')}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => onVersions(service.model)}
                    data-testid="fleet-model-versions"
                  >
                    {t('models.openVersions')}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AgentEvents({ detail }: { detail: FleetHostDetail }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  if (detail.events.length === 0) return <p className="muted">{t('fleet.detail.noEvents')}</p>;
  return (
    <ul className="event-list fleet-events">
      {detail.events.map((event, i) => (
        <li
          key={`${event.tsMs}-${i}`}
          className="fleet-event"
          data-testid="fleet-event"
          data-kind={event.kind}
          data-severity={event.severity}
        >
          <Timestamp iso={new Date(event.tsMs).toISOString()} timeZone={timeZone} />
          <Badge tone={SEVERITY_TONE[event.severity]}>
            {t(`fleet.severity.${event.severity}`)}
          </Badge>
          <span title={event.kind}>{agentEventKind(event.kind, t)}</span>
          <bdi className="fleet-event-message" title={event.message}>
            {agentEventText(event, t)}
          </bdi>
        </li>
      ))}
    </ul>
  );
}

/** Read-only: what the agent's own config declares; the console can never add one. */
function DeclaredActions({ detail }: { detail: FleetHostDetail }) {
  const { t } = useTranslation();
  if (detail.actions.length === 0) return <p className="muted">{t('fleet.detail.noActions')}</p>;
  return (
    <ul className="fleet-actions">
      {detail.actions.map((action) => (
        <li key={action.name} data-testid="fleet-action" data-action={action.name}>
          <span className="mono">{action.name}</span>{' '}
          <bdi className="muted">{actionDescription(action, detail.host.simulated, t)}</bdi>
        </li>
      ))}
    </ul>
  );
}

export function HostDetail({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.fleetHostDetail);
  const hostId = useAppStore((s) => s.fleetView.hostId);
  const load = useAppStore((s) => s.loadFleetHost);
  const canManage = useAppStore(selectCan('fleet.manage'));
  const [service, setService] = useState(0);
  const [revoking, setRevoking] = useState(false);
  const [breaking, setBreaking] = useState(false);
  const [versionsOf, setVersionsOf] = useState<string | null>(null);
  const detail = remote.data?.host.id === hostId ? remote.data : null;
  const model = detail?.modelServices[Math.min(service, detail.modelServices.length - 1)];
  const modelLabels = useMemo(() => model?.labels ?? NO_LABELS, [model]);

  return (
    <div
      className="fleet-detail"
      data-testid="fleet-host-detail"
      data-host-id={hostId ?? undefined}
    >
      <header className="page-header">
        <div>
          <Button variant="ghost" size="sm" onClick={onBack} data-testid="fleet-back">
            {t('fleet.back')}
          </Button>
          <h1 className="page-title fleet-title">
            <bdi>{detail?.host.name ?? t('common.loading')}</bdi>
            {detail?.host.simulated && <SimulatedMark />}
            {detail && <HostStateBadge state={detail.host.state} />}
          </h1>
        </div>
        <div className="page-actions">
          <RangePicker />
          {canManage && detail?.host.simulated && detail.host.state !== 'revoked' && (
            <Button onClick={() => setBreaking(true)} data-testid="fleet-fault">
              {t('fleet.fault.open')}
            </Button>
          )}
          {canManage && detail && detail.host.state !== 'revoked' && (
            <Button variant="danger" onClick={() => setRevoking(true)} data-testid="fleet-revoke">
              {t('fleet.revoke.open')}
            </Button>
          )}
        </div>
      </header>
      {remote.error && hostId !== null && (
        <ErrorNotice error={remote.error} onRetry={() => void load(hostId)} />
      )}
      {!detail && remote.status === 'loading' && <LoadingBlock />}
      {detail && (
        <>
          <div className="fleet-detail-grid">
            <ConnectionFacts detail={detail} />
            <section className="panel">
              <h2 className="panel-subtitle">{t('fleet.detail.events')}</h2>
              <AgentEvents detail={detail} />
              <h2 className="panel-subtitle">{t('fleet.detail.actions')}</h2>
              <DeclaredActions detail={detail} />
            </section>
          </div>
          <section>
            <h2 className="panel-subtitle">{t('fleet.detail.gpus')}</h2>
            <GpuList detail={detail} />
          </section>
          <section>
            <h2 className="panel-subtitle">{t('fleet.detail.models')}</h2>
            <ModelServices
              detail={detail}
              selected={service}
              onSelect={setService}
              onVersions={setVersionsOf}
            />
          </section>
          <section aria-labelledby="fleet-host-charts" data-testid="fleet-host-charts">
            <h2 className="panel-subtitle" id="fleet-host-charts">
              {t('fleetTable.charts.host', { host: detail.host.name })}
            </h2>
            <div className="fleet-charts">
              {HOST_CHARTS.map((spec) => (
                <SeriesChart
                  key={spec.key}
                  hostId={detail.host.id}
                  spec={spec}
                  labels={NO_LABELS}
                />
              ))}
            </div>
          </section>
          {model && (
            <section
              aria-labelledby="fleet-model-charts"
              data-testid="fleet-model-charts"
              data-model={model.model}
              data-version={model.version}
            >
              <h2 className="panel-subtitle" id="fleet-model-charts">
                {t(model.version ? 'fleetTable.charts.model' : 'fleetTable.charts.modelNoVersion', {
                  model: model.model,
                  version: model.version,
                })}
              </h2>
              <div className="fleet-charts">
                {MODEL_CHARTS.map((spec) => (
                  <SeriesChart
                    key={`${spec.key}-${model.model}-${model.version}`}
                    hostId={detail.host.id}
                    spec={spec}
                    labels={modelLabels}
                  />
                ))}
              </div>
            </section>
          )}
        </>
      )}
      {revoking && detail && <RevokeDialog host={detail.host} onClose={() => setRevoking(false)} />}
      {breaking && detail && <FaultDialog detail={detail} onClose={() => setBreaking(false)} />}
      {versionsOf !== null && (
        <ModelVersionsDialog model={versionsOf} onClose={() => setVersionsOf(null)} />
      )}
    </div>
  );
}

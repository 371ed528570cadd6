// One model service's versions: what each host runs now, the last known-good version (the rollback
// target) and the rule behind it, every version with its state, and the history of deploys,
// rollbacks and marks. ML engineers mark a version known good or suspect from here.
import { useEffect, useState } from 'react';
import './models.css';
import { useTranslation } from 'react-i18next';
import type {
  ModelVersionInfo,
  ModelVersionsDetail,
  VersionChange,
} from '../../../shared/ipc/modelSchemas.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { MarkVersionDialog } from './MarkVersionDialog.tsx';
import { selectModelVersions } from './modelVersionsSlice.ts';

const STATE_TONE: Record<ModelVersionInfo['state'], Tone> = {
  known_good: 'success',
  suspect: 'danger',
  unknown: 'neutral',
};
const CHANGE_TONE: Record<VersionChange['kind'], Tone> = {
  reported: 'neutral',
  deployed: 'accent',
  rolled_back: 'success',
  marked_good: 'success',
  marked_suspect: 'danger',
};

/** Loads the model's versions once shown; pushed changes keep them fresh. */
export function useModelVersions(model: string) {
  const remote = useAppStore(selectModelVersions(model));
  const load = useAppStore((s) => s.loadModelVersions);
  useEffect(() => {
    void load(model);
  }, [model, load]);
  return { remote, reload: () => void load(model) };
}

function Running({ detail, timeZone }: { detail: ModelVersionsDetail; timeZone: string }) {
  const { t } = useTranslation();
  if (detail.current.length === 0) return <p className="muted">{t('models.noneRunning')}</p>;
  return (
    <Table
      caption={t('models.running')}
      head={
        <tr>
          <th>{t('models.host')}</th>
          <th>{t('models.version')}</th>
          <th>{t('models.sinceHeader')}</th>
        </tr>
      }
    >
      {detail.current.map((c) => (
        <tr key={`${c.hostId}-${c.version}`} data-testid="model-running" data-host={c.hostName}>
          <td className="truncate">{c.hostName}</td>
          <td className="mono" dir="ltr">
            {c.version}
          </td>
          <td>
            <Timestamp iso={c.since} timeZone={timeZone} />
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Versions({
  detail,
  timeZone,
  onMark,
}: {
  detail: ModelVersionsDetail;
  timeZone: string;
  onMark: ((version: string, state: 'known_good' | 'suspect') => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <Table
      caption={t('models.versions')}
      head={
        <tr>
          <th>{t('models.version')}</th>
          <th>{t('models.state')}</th>
          <th>{t('models.reason')}</th>
          <th>{t('models.lastSeen')}</th>
          <th>{t('models.hosts')}</th>
          {onMark && <th />}
        </tr>
      }
    >
      {[...detail.versions].reverse().map((v) => (
        <tr
          key={v.version}
          data-testid="model-version"
          data-version={v.version}
          data-state={v.state}
        >
          <td className="mono" dir="ltr">
            {v.version}
          </td>
          <td>
            <Badge tone={STATE_TONE[v.state]}>{t(`models.states.${v.state}`)}</Badge>
            {v.isSoaked && <span className="muted"> {t('models.bySoak')}</span>}
          </td>
          <td className="break">
            {v.stateReason}
            {v.stateBy && <span className="muted"> — {v.stateBy}</span>}
          </td>
          <td>
            <Timestamp iso={v.lastSeenAt} timeZone={timeZone} />
          </td>
          <td dir="ltr">{v.hosts}</td>
          {onMark && (
            <td className="cell-actions">
              {(['known_good', 'suspect'] as const)
                .filter((state) =>
                  state === 'suspect'
                    ? v.state !== 'suspect'
                    : v.state !== 'known_good' || v.isSoaked,
                )
                .map((state) => (
                  <Button
                    key={state}
                    size="sm"
                    variant="ghost"
                    onClick={() => onMark(v.version, state)}
                    data-testid={state === 'suspect' ? 'model-mark-suspect' : 'model-mark-good'}
                  >
                    {t(`models.mark.open.${state}`)}
                  </Button>
                ))}
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}

function History({ detail, timeZone }: { detail: ModelVersionsDetail; timeZone: string }) {
  const { t } = useTranslation();
  if (detail.history.length === 0) return <p className="muted">{t('models.noHistory')}</p>;
  return (
    <ol className="event-list model-history" aria-label={t('models.history')}>
      {detail.history.map((c) => (
        <li key={c.id} data-testid="model-change" data-kind={c.kind} data-version={c.version}>
          <Timestamp iso={c.at} timeZone={timeZone} />
          <Badge tone={CHANGE_TONE[c.kind]}>{t(`models.kinds.${c.kind}`)}</Badge>
          <span>
            {t(`models.change.${c.kind}`, {
              host: c.hostName ?? '',
              from: c.fromVersion ?? '—',
              version: c.version,
            })}
          </span>
          <span className="muted">
            {c.source === 'incident' && c.incidentId !== null
              ? t('models.sources.incidentNumber', { id: c.incidentId })
              : t(`models.sources.${c.source}`)}
            {c.actor && c.source !== 'incident' ? ` · ${c.actor}` : ''}
          </span>
          {c.reason && <span className="model-change-reason break">{c.reason}</span>}
        </li>
      ))}
    </ol>
  );
}

export function ModelVersionsPanel({ model }: { model: string }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const canManage = useAppStore(selectCan('models.manage'));
  const { remote, reload } = useModelVersions(model);
  const [marking, setMarking] = useState<{ version: string; state: 'known_good' | 'suspect' }>();
  const detail = remote.data?.model === model ? remote.data : null;
  const isUnknown = remote.error?.code === 'NOT_FOUND';
  return (
    <section
      className="panel model-versions"
      data-testid="model-versions"
      data-model={model}
      aria-label={t('models.title', { model })}
    >
      <h2 className="panel-subtitle">{t('models.title', { model })}</h2>
      {isUnknown && <p className="muted">{t('models.unknown')}</p>}
      {remote.error && !isUnknown && <ErrorNotice error={remote.error} onRetry={reload} />}
      {!detail && remote.status === 'loading' && <LoadingBlock />}
      {detail && (
        <>
          <p
            className="model-lkg"
            data-testid="model-lkg"
            data-version={detail.lastKnownGood?.version}
          >
            {detail.lastKnownGood ? (
              <>
                {t('models.lastKnownGood')}:{' '}
                <bdi className="mono">{detail.lastKnownGood.version}</bdi>{' '}
                <span className="muted">
                  ({t('models.since')}{' '}
                  <Timestamp iso={detail.lastKnownGood.since} timeZone={timeZone} />)
                </span>
              </>
            ) : (
              t('models.noKnownGood')
            )}
          </p>
          <p className="muted">
            {t('models.rule', {
              soak: detail.policy.soakMinutes,
              window: detail.policy.suspectWindowMinutes,
            })}
          </p>
          <h3 className="panel-subtitle">{t('models.running')}</h3>
          <Running detail={detail} timeZone={timeZone} />
          <h3 className="panel-subtitle">{t('models.versions')}</h3>
          <Versions
            detail={detail}
            timeZone={timeZone}
            onMark={canManage ? (version, state) => setMarking({ version, state }) : null}
          />
          <h3 className="panel-subtitle">{t('models.history')}</h3>
          <History detail={detail} timeZone={timeZone} />
        </>
      )}
      {marking && (
        <MarkVersionDialog
          model={model}
          version={marking.version}
          state={marking.state}
          onClose={() => setMarking(undefined)}
        />
      )}
    </section>
  );
}

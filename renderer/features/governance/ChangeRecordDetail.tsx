// One change record: what changed (versions, config), why, the evidence, the reproducibility record
// (data windows and digests), who asked and who decided, the outcome; approve or reject (never one's
// own: four eyes) and export.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Bdi } from '../../ui/Bdi.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { DecisionDialog } from './DecisionDialog.tsx';
import { EvidenceView } from './EvidenceView.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { APPROVAL_TONE, OUTCOME_TONE } from './labels.ts';

const short = (digest: string | null) => (digest ? `${digest.slice(0, 19)}…` : '—');

export function ChangeRecordDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const records = useAppStore((s) => s.changeRecords);
  const load = useAppStore((s) => s.loadChangeRecords);
  const open = useAppStore((s) => s.openGovernance);
  const me = useAppStore((s) => s.session?.operator.username ?? null);
  const canApprove = useAppStore(selectCan('changes.approve'));
  const timeZone = useAppStore(selectTimeZone);
  const [deciding, setDeciding] = useState<'approved' | 'rejected' | null>(null);
  useEffect(() => {
    if (records.status === 'idle') void load();
  }, [records.status, load]);
  const back = (
    <a
      href="#/changes"
      className="governance-back"
      onClick={(e) => {
        e.preventDefault();
        open({ tab: 'records', changeId: null });
      }}
    >
      {t('governance.records.back')}
    </a>
  );
  if (records.error && !records.data)
    return <ErrorNotice error={records.error} onRetry={() => void load()} />;
  if (!records.data) return <LoadingBlock />;
  const r = records.data.find((c) => c.id === id);
  if (!r)
    return (
      <>
        {back}
        <EmptyState title={t('governance.records.notFound', { id })} />
      </>
    );
  const isMine = r.requestedBy === me;
  const repro = r.reproducibility;
  return (
    <article
      className="card governance-detail"
      data-testid="change-detail"
      aria-labelledby="change-title"
    >
      {back}
      <h2 id="change-title">
        {t('governance.records.title', { id: r.id, kind: t(`governance.kinds.${r.kind}`) })}{' '}
        <Bdi>{r.model}</Bdi>
      </h2>
      <p>
        <Badge tone={APPROVAL_TONE[r.approval]}>{t(`governance.approvals.${r.approval}`)}</Badge>{' '}
        <Badge tone={OUTCOME_TONE[r.outcome]}>{t(`governance.outcomes.${r.outcome}`)}</Badge>
        {r.isRetrospective && (
          <span className="governance-note"> {t('governance.retrospectiveLong')}</span>
        )}
      </p>
      <dl className="governance-facts">
        <dt>{t('governance.fields.versions')}</dt>
        <dd dir="ltr" className="mono">
          {r.fromVersion ?? '—'} → {r.toVersion ?? '—'}
        </dd>
        <dt>{t('governance.fields.source')}</dt>
        <dd>{t(`governance.sources.${r.source}`)}</dd>
        <dt>{t('governance.fields.reason')}</dt>
        <dd>
          <Bdi>{r.reason}</Bdi>
        </dd>
        <dt>{t('governance.fields.requestedBy')}</dt>
        <dd>
          <Bdi>{r.requestedBy}</Bdi> · <Timestamp iso={r.requestedAt} timeZone={timeZone} />
        </dd>
        <dt>{t('governance.fields.decidedBy')}</dt>
        <dd>
          {r.decidedBy ? (
            <>
              <Bdi>{r.decidedBy}</Bdi> · <Timestamp iso={r.decidedAt!} timeZone={timeZone} /> ·{' '}
              <Bdi>{r.decisionReason ?? ''}</Bdi>
            </>
          ) : (
            t('governance.records.undecided')
          )}
        </dd>
        <dt>{t('governance.fields.outcome')}</dt>
        <dd>
          <Bdi>{r.outcomeDetail ?? t(`governance.outcomes.${r.outcome}`)}</Bdi>
        </dd>
        <dt>{t('governance.fields.config')}</dt>
        <dd dir="ltr" className="mono">
          {JSON.stringify(r.config)}
        </dd>
        <dt>{t('governance.fields.digests')}</dt>
        <dd dir="ltr" className="mono" data-testid="change-digests">
          {r.fromVersion ?? '—'}: {short(repro.fromDigests.model)} / {short(repro.fromDigests.code)}
          <br />
          {r.toVersion ?? '—'}: {short(repro.toDigests.model)} / {short(repro.toDigests.code)}
        </dd>
        <dt>{t('governance.fields.recordDigest')}</dt>
        <dd dir="ltr" className="mono">
          {r.digest}
        </dd>
      </dl>
      <h3>{t('governance.fields.evidence')}</h3>
      {r.evidence ? <EvidenceView evidence={r.evidence} /> : <p>{t('governance.evidence.none')}</p>}
      {r.approval === 'pending' && canApprove && (
        <div className="governance-actions">
          {isMine ? (
            <p className="governance-note" data-testid="change-four-eyes">
              {t('governance.decide.fourEyes')}
            </p>
          ) : (
            <>
              <Button
                variant="primary"
                data-testid="change-approve"
                onClick={() => setDeciding('approved')}
              >
                {t('governance.decide.approve')}
              </Button>
              <Button
                variant="danger"
                data-testid="change-reject"
                onClick={() => setDeciding('rejected')}
              >
                {t('governance.decide.reject')}
              </Button>
            </>
          )}
        </div>
      )}
      <ExportButtons id={r.id} />
      {deciding && (
        <DecisionDialog id={r.id} decision={deciding} onClose={() => setDeciding(null)} />
      )}
    </article>
  );
}

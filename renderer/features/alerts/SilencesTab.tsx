// Silences: which are pending, active or (when asked) expired, what they match, until when and
// why; responders create them (with a preview) and expire them (after a confirmation).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Silence } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { selectSilences, selectSortedSilences } from '../../store/silencesSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox } from '../../ui/Field.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { MatcherChips, SilenceStatusBadge } from './AlertBadges.tsx';
import { SilenceDialog } from './SilenceDialog.tsx';

function ExpireDialog({ silence, onClose }: { silence: Silence; onClose: () => void }) {
  const { t } = useTranslation();
  const expire = useAppStore((s) => s.expireSilence);
  const pushToast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  return (
    <Dialog
      title={t('silences.expireTitle')}
      onClose={onClose}
      testId="silence-expire-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="danger"
            busy={busy}
            data-testid="silence-expire-confirm"
            onClick={() =>
              submit(() => expire(silence.id), {
                onDone: () => {
                  pushToast('success', t('silences.expired'));
                  onClose();
                },
              })
            }
          >
            {t('silences.expireConfirm')}
          </Button>
        </>
      }
    >
      <p>{t('silences.expireBody')}</p>
      <MatcherChips matchers={silence.matchers} />
      <p className="muted silence-reason" dir="auto">
        {silence.reason}
      </p>
      {error && <ErrorNotice error={error} testId="silence-expire-error" />}
    </Dialog>
  );
}

export function SilencesTab() {
  const { t } = useTranslation();
  const remote = useAppStore(selectSilences);
  const rows = useAppStore(selectSortedSilences);
  const includeExpired = useAppStore((s) => s.silencesIncludeExpired);
  const setIncludeExpired = useAppStore((s) => s.setSilencesIncludeExpired);
  const load = useAppStore((s) => s.loadSilences);
  const canSilence = useAppStore(selectCan('alerts.silence'));
  const timeZone = useAppStore(selectTimeZone);
  const [isCreating, setCreating] = useState(false);
  const [expiring, setExpiring] = useState<Silence | null>(null);

  useEffect(() => {
    void load();
  }, [includeExpired, load]);

  return (
    <div className="tab-content" data-testid="silences-tab">
      <div className="stream-bar">
        <Checkbox
          label={t('silences.includeExpired')}
          checked={includeExpired}
          onChange={(e) => setIncludeExpired(e.target.checked)}
          data-testid="silences-include-expired"
        />
        {canSilence && (
          <Button variant="primary" onClick={() => setCreating(true)} data-testid="silence-create">
            {t('silences.create')}
          </Button>
        )}
      </div>
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={() => void load()} testId="silences-error" />
      )}
      {!remote.data && remote.status === 'loading' && <LoadingBlock />}
      {remote.data && rows.length === 0 && (
        <div data-testid="silences-empty">
          <EmptyState title={t('silences.empty')} detail={t('silences.emptyDetail')} />
        </div>
      )}
      {rows.length > 0 && (
        <Table
          caption={t('alertStream.tabs.silences')}
          head={
            <tr>
              <th>{t('silences.columns.status')}</th>
              <th>{t('silences.columns.matchers')}</th>
              <th>{t('silences.columns.starts')}</th>
              <th>{t('silences.columns.ends')}</th>
              <th>{t('silences.columns.reason')}</th>
              <th>{t('silences.columns.createdBy')}</th>
              {canSilence && <th>{t('silences.columns.actions')}</th>}
            </tr>
          }
        >
          {rows.map((s) => (
            <tr key={s.id} data-testid="silence-row" data-id={s.id} data-status={s.status}>
              <td>
                <SilenceStatusBadge status={s.status} />
              </td>
              <td>
                <MatcherChips matchers={s.matchers} />
              </td>
              <td className="nowrap">
                <Timestamp iso={s.startsAt} timeZone={timeZone} />
              </td>
              <td className="nowrap">
                <Timestamp iso={s.expiredAt ?? s.endsAt} timeZone={timeZone} />
                {s.expiredBy && (
                  <span className="muted stream-verdict-by">
                    {t('silences.expiredBy', { name: s.expiredBy })}
                  </span>
                )}
              </td>
              <td className="silence-reason" dir="auto" data-testid="silence-reason">
                {s.reason}
              </td>
              <td dir="ltr" className="mono">
                {s.createdBy}
              </td>
              {canSilence && (
                <td>
                  {s.status !== 'expired' && (
                    <Button size="sm" onClick={() => setExpiring(s)} data-testid="silence-expire">
                      {t('silences.expire')}
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {isCreating && <SilenceDialog onClose={() => setCreating(false)} />}
      {expiring && <ExpireDialog silence={expiring} onClose={() => setExpiring(null)} />}
    </div>
  );
}

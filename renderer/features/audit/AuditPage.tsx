// The tamper-evident audit log: filter, page back through history, verify the chain, export.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectAuditFilters } from '../../store/auditSlice.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { AuditEntryDetails } from './AuditEntryDetails.tsx';
import { AuditFilterBar } from './AuditFilterBar.tsx';
import { AuditTable } from './AuditTable.tsx';
import { ExportResult } from './ExportResult.tsx';
import { VerifyResult } from './VerifyResult.tsx';

const FILTER_DEBOUNCE_MS = 300;

function useAuditLoading() {
  const filters = useAppStore(selectAuditFilters);
  const loadAudit = useAppStore((s) => s.loadAudit);
  const isFirstLoad = useRef(true);
  useEffect(() => {
    // The first load runs at once; later filter edits wait for the operator to pause typing.
    const delay = isFirstLoad.current ? 0 : FILTER_DEBOUNCE_MS;
    isFirstLoad.current = false;
    const timer = setTimeout(() => void loadAudit(), delay);
    return () => clearTimeout(timer);
  }, [filters, loadAudit]);
}

function usePaletteRequests() {
  const pending = useAppStore((s) => s.pendingAuditAction);
  const request = useAppStore((s) => s.requestAuditAction);
  const verify = useAppStore((s) => s.verifyAudit);
  const exportBundle = useAppStore((s) => s.exportAudit);
  useEffect(() => {
    if (!pending) return;
    request(null);
    void (pending === 'verify' ? verify() : exportBundle());
  }, [pending, request, verify, exportBundle]);
}

export function AuditPage() {
  const { t } = useTranslation();
  useAuditLoading();
  usePaletteRequests();
  const entries = useAppStore((s) => s.auditEntries);
  const total = useAppStore((s) => s.auditTotal);
  const status = useAppStore((s) => s.auditStatus);
  const error = useAppStore((s) => s.auditError);
  const hasMore = useAppStore((s) => s.auditHasMore);
  const loadAudit = useAppStore((s) => s.loadAudit);
  const loadOlder = useAppStore((s) => s.loadOlderAudit);
  const verify = useAppStore((s) => s.auditVerify);
  const exported = useAppStore((s) => s.auditExport);
  const runVerify = useAppStore((s) => s.verifyAudit);
  const runExport = useAppStore((s) => s.exportAudit);
  const canVerify = useAppStore(selectCan('audit.verify'));
  const canExport = useAppStore(selectCan('audit.export'));
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const [selectedSeq, setSelectedSeq] = useState<number | null>(null);
  const selected = entries.find((entry) => entry.seq === selectedSeq) ?? null;

  return (
    <div className="page page-fill">
      <PageHeader
        title={t('audit.title')}
        subtitle={
          status === 'idle'
            ? undefined
            : t('audit.showing', {
                shown: formatNumber(entries.length, language),
                total: formatNumber(total, language),
              })
        }
        actions={
          <>
            {canVerify && (
              <Button
                onClick={() => void runVerify()}
                busy={verify.status === 'loading'}
                data-testid="audit-verify"
              >
                {t('audit.verify')}
              </Button>
            )}
            {canExport && (
              <Button
                onClick={() => void runExport()}
                busy={exported.status === 'loading'}
                data-testid="audit-export"
              >
                {t('audit.export')}
              </Button>
            )}
          </>
        }
      />
      <VerifyResult remote={verify} timeZone={timeZone} />
      <ExportResult remote={exported} language={language} />
      <AuditFilterBar />
      {error && <ErrorNotice error={error} onRetry={() => void loadAudit()} />}
      {status === 'loading' && entries.length === 0 && <LoadingBlock />}
      {status === 'ready' && entries.length === 0 ? (
        <EmptyState title={t('audit.empty')} detail={t('audit.emptyDetail')} />
      ) : (
        entries.length > 0 && (
          <div className="audit-layout">
            <div className="audit-main">
              <AuditTable
                entries={entries}
                total={total}
                timeZone={timeZone}
                selectedSeq={selectedSeq}
                onSelect={(seq) => setSelectedSeq((current) => (current === seq ? null : seq))}
                onNearEnd={() => {
                  if (hasMore && status === 'ready') void loadOlder();
                }}
              />
              {hasMore && (
                <div className="table-footer">
                  <Button
                    size="sm"
                    onClick={() => void loadOlder()}
                    busy={status === 'loading-older'}
                    data-testid="audit-load-older"
                  >
                    {t('audit.loadOlder')}
                  </Button>
                </div>
              )}
            </div>
            {selected && (
              <AuditEntryDetails
                entry={selected}
                timeZone={timeZone}
                onClose={() => setSelectedSeq(null)}
              />
            )}
          </div>
        )
      )}
    </div>
  );
}

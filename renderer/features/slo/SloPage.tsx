// The SLO view: every SLO by remaining budget → one SLO's detail → its editor. The route lives in
// the store, so Escape and the back button step up one level and the palette can open the editor.
import '../../styles/slo.css';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useEscapeBack } from '../../app/useEscapeBack.ts';
import type { AppState } from '../../store/appState.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import {
  SLO_STATUS_LIST,
  selectSloList,
  selectSlosByBudget,
  type SloStatus,
} from '../../store/sloSlice.ts';
import { selectSloRoute } from '../../store/sloViewSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { downloadText } from './download.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { SloDetailView } from './SloDetailView.tsx';
import { SloTable } from './SloTable.tsx';

// The editor carries the spec schema and the PromQL parser: loaded when first opened.
const SloEditor = lazy(() => import('./SloEditor.tsx').then((m) => ({ default: m.SloEditor })));

const sloBackStep = (s: AppState) =>
  s.sloImportOpen || s.sloRoute.view === 'list' ? null : s.sloBack;

function SloList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const list = useAppStore(selectSloList);
  const sorted = useAppStore(selectSlosByBudget);
  const load = useAppStore((s) => s.loadSlos);
  const open = useAppStore((s) => s.openSlo);
  const edit = useAppStore((s) => s.editSlo);
  const setImportOpen = useAppStore((s) => s.setSloImportOpen);
  const language = useAppStore((s) => s.language);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<SloStatus | ''>('');

  const shown = useMemo(() => {
    const needle = text.trim().toLowerCase();
    if (!needle && !status) return sorted;
    return sorted.filter(
      (s) =>
        (!status || s.status === status) &&
        (!needle ||
          s.name.includes(needle) ||
          s.displayName.toLowerCase().includes(needle) ||
          s.model.toLowerCase().includes(needle)),
    );
  }, [sorted, text, status]);

  if (list.error && !list.data)
    return <ErrorNotice error={list.error} onRetry={() => void load()} testId="slo-error" />;
  if (!list.data) return <LoadingBlock />;
  if (list.data.length === 0) {
    return (
      <div data-testid="slo-empty">
        <EmptyState
          title={t('slo.empty.title')}
          detail={canManage ? t('slo.empty.detail') : t('slo.empty.detailViewer')}
          action={
            canManage && (
              <div className="empty-actions">
                <Button variant="primary" onClick={() => edit(null)} data-testid="slo-empty-create">
                  {t('slo.create')}
                </Button>
                <Button onClick={() => setImportOpen(true)} data-testid="slo-empty-import">
                  {t('slo.import.open')}
                </Button>
              </div>
            )
          }
        />
      </div>
    );
  }
  return (
    <>
      {list.error && (
        <ErrorNotice error={list.error} onRetry={() => void load()} testId="slo-error" />
      )}
      <div className="slo-list-bar" role="search" aria-label={t('slo.filters')}>
        <input
          className="input slo-search"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('slo.search')}
          aria-label={t('slo.search')}
          data-testid="slo-search"
        />
        <select
          className="input select slo-status-filter"
          value={status}
          onChange={(e) => setStatus(e.target.value as SloStatus | '')}
          aria-label={t('slo.columns.status')}
          data-testid="slo-status-filter"
        >
          <option value="">{t('slo.anyStatus')}</option>
          {SLO_STATUS_LIST.map((s) => (
            <option key={s} value={s}>
              {t(`slo.status.${s}`)}
            </option>
          ))}
        </select>
        <span className="muted">
          {t('slo.showing', {
            shown: formatNumber(shown.length, language),
            total: formatNumber(list.data.length, language),
          })}
        </span>
      </div>
      <SloTable slos={shown} onOpen={open} />
    </>
  );
}

function ListHeader({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const count = useAppStore((s) => s.sloList.data?.length ?? 0);
  const edit = useAppStore((s) => s.editSlo);
  const setImportOpen = useAppStore((s) => s.setSloImportOpen);
  const exportSlos = useAppStore((s) => s.exportSlos);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const runExport = () =>
    submit(() => exportSlos(), {
      onDone: ({ yaml, count: exported }) => {
        downloadText(`mirqab-slos-${new Date().toISOString().slice(0, 10)}.yaml`, yaml);
        toast('success', t('slo.exportDone', { count: exported }));
      },
    });
  return (
    <>
      <PageHeader
        title={t('slo.title')}
        subtitle={t('slo.subtitle')}
        actions={
          <>
            {count > 0 && (
              <Button onClick={runExport} busy={busy} data-testid="slo-export">
                {t('slo.export')}
              </Button>
            )}
            {canManage && count > 0 && (
              <>
                <Button onClick={() => setImportOpen(true)} data-testid="slo-import">
                  {t('slo.import.open')}
                </Button>
                <Button variant="primary" onClick={() => edit(null)} data-testid="slo-create">
                  {t('slo.create')}
                </Button>
              </>
            )}
          </>
        }
      />
      {error && <ErrorNotice error={error} testId="slo-export-error" />}
    </>
  );
}

export function SloPage() {
  useEscapeBack(sloBackStep);
  const route = useAppStore(selectSloRoute);
  const loadSlos = useAppStore((s) => s.loadSlos);
  const back = useAppStore((s) => s.sloBack);
  const canManage = useAppStore(selectCan('slo.manage'));
  const importOpen = useAppStore((s) => s.sloImportOpen);
  const setImportOpen = useAppStore((s) => s.setSloImportOpen);

  useEffect(() => {
    void loadSlos();
  }, [loadSlos]);

  let body;
  if (route.view === 'detail') body = <SloDetailView name={route.name} onBack={back} />;
  else if (route.view === 'editor' && canManage) {
    body = (
      <Suspense fallback={<LoadingBlock />}>
        <SloEditor key={route.name ?? '\u0000new'} name={route.name} onBack={back} />
      </Suspense>
    );
  } else {
    body = (
      <>
        <ListHeader canManage={canManage} />
        <SloList canManage={canManage} />
      </>
    );
  }
  return (
    <div className="page page-fill slo-page" data-testid="slo-page" data-view={route.view}>
      {body}
      {importOpen && canManage && <ImportDialog onClose={() => setImportOpen(false)} />}
    </div>
  );
}

// SLAs: the commitments to customers and business units over SLOs → one SLA's report for a period
// → its editor. Admins keep SLAs; everyone reads them; report export needs reports.export.
import '../../styles/slo.css';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaSummary } from '../../../shared/ipc/contract.ts';
import { useEscapeBack } from '../../app/useEscapeBack.ts';
import type { AppState } from '../../store/appState.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { selectSlaList } from '../../store/slaSlice.ts';
import { selectSlaRoute } from '../../store/sloViewSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { formatPercent } from '../slo/sloFormat.ts';
import { SlaReportView } from './SlaReportView.tsx';

// The editor carries the spec schema: loaded when first opened.
const SlaEditor = lazy(() => import('./SlaEditor.tsx').then((m) => ({ default: m.SlaEditor })));

function SlaTable({
  slas,
  onOpen,
}: {
  slas: readonly SlaSummary[];
  onOpen: (name: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Table
      caption={t('sla.title')}
      head={
        <tr>
          <th>{t('sla.columns.name')}</th>
          <th>{t('sla.fields.customer')}</th>
          <th>{t('sla.report.target')}</th>
          <th>{t('sla.fields.period')}</th>
          <th>{t('sla.fields.slos')}</th>
        </tr>
      }
    >
      {slas.map((sla) => (
        <tr key={sla.name} data-testid="sla-row" data-name={sla.name}>
          <td>
            <button
              type="button"
              className="link-btn"
              onClick={() => onOpen(sla.name)}
              data-testid="sla-open"
            >
              {sla.displayName || sla.name}
            </button>{' '}
            <span className="muted mono" dir="ltr">
              {sla.name}
            </span>
            {sla.error && (
              <p className="field-error" data-testid="sla-row-error">
                {sla.error}
              </p>
            )}
          </td>
          <td>{sla.customer}</td>
          <td>
            <span dir="ltr">{formatPercent(sla.target)}</span>
          </td>
          <td>{t(`sla.period.${sla.period === 'quarter' ? 'quarter' : 'month'}`)}</td>
          <td className="mono">
            <span dir="ltr">{sla.slos.join(', ')}</span>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function SlaList({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const list = useAppStore(selectSlaList);
  const load = useAppStore((s) => s.loadSlas);
  const open = useAppStore((s) => s.openSla);
  const edit = useAppStore((s) => s.editSla);
  if (list.error && !list.data)
    return <ErrorNotice error={list.error} onRetry={() => void load()} testId="sla-error" />;
  if (!list.data) return <LoadingBlock />;
  if (list.data.length === 0) {
    return (
      <div data-testid="sla-empty">
        <EmptyState
          title={t('sla.empty.title')}
          detail={canManage ? t('sla.empty.detail') : t('sla.empty.detailViewer')}
          action={
            canManage && (
              <Button variant="primary" onClick={() => edit(null)} data-testid="sla-empty-create">
                {t('sla.create')}
              </Button>
            )
          }
        />
      </div>
    );
  }
  return <SlaTable slas={list.data} onOpen={open} />;
}

const slaBackStep = (s: AppState) => (s.slaRoute.view === 'list' ? null : s.slaBack);

export function SlaPage() {
  const { t } = useTranslation();
  useEscapeBack(slaBackStep);
  const route = useAppStore(selectSlaRoute);
  const list = useAppStore(selectSlaList);
  const load = useAppStore((s) => s.loadSlas);
  const back = useAppStore((s) => s.slaBack);
  const edit = useAppStore((s) => s.editSla);
  const canManage = useAppStore(selectCan('sla.manage'));

  useEffect(() => {
    void load();
  }, [load]);

  let body;
  if (route.view === 'report') body = <SlaReportView name={route.name} onBack={back} />;
  else if (route.view === 'editor' && canManage && (route.name === null || list.data)) {
    body = (
      <Suspense fallback={<LoadingBlock />}>
        <SlaEditor key={route.name ?? '\u0000new'} name={route.name} onBack={back} />
      </Suspense>
    );
  } else if (route.view === 'editor' && canManage) body = <LoadingBlock />;
  else {
    body = (
      <>
        <PageHeader
          title={t('sla.title')}
          subtitle={t('sla.subtitle')}
          actions={
            canManage && (list.data?.length ?? 0) > 0 ? (
              <Button variant="primary" onClick={() => edit(null)} data-testid="sla-create">
                {t('sla.create')}
              </Button>
            ) : undefined
          }
        />
        <SlaList canManage={canManage} />
      </>
    );
  }
  return (
    <div className="page sla-page" data-testid="sla-page" data-view={route.view}>
      {body}
    </div>
  );
}

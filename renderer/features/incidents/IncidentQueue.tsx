// The incident queue: every incident the backend holds, filtered and sorted here, with the target
// clocks ticking. '/' jumps to the filter from anywhere on the page that is not already a field.
import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectIncidentList } from '../../store/incidentsSlice.ts';
import {
  isOpenIncidentState,
  selectIncidentFilter,
  selectIncidentServices,
  selectIncidentSort,
  selectShownIncidents,
} from '../../store/incidentsViewSlice.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { IncidentFilters } from './IncidentFilters.tsx';
import { IncidentTable } from './IncidentTable.tsx';

const isField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function useSlashFocus(target: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isField(event.target) || document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      target.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [target]);
}

function QueueBody({ onDeclare }: { onDeclare: () => void }) {
  const { t } = useTranslation();
  const list = useAppStore(selectIncidentList);
  const isOpenOnly = useAppStore((s) => s.incidentListIsOpenOnly);
  const shown = useAppStore(selectShownIncidents);
  const services = useAppStore(selectIncidentServices);
  const filter = useAppStore(selectIncidentFilter);
  const sort = useAppStore(selectIncidentSort);
  const activeId = useAppStore((s) => s.incidentActiveId);
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const canRespond = useAppStore(selectCan('incidents.respond'));
  const load = useAppStore((s) => s.loadIncidents);
  const setFilter = useAppStore((s) => s.setIncidentFilter);
  const clearFilter = useAppStore((s) => s.clearIncidentFilter);
  const sortBy = useAppStore((s) => s.sortIncidentsBy);
  const setActive = useAppStore((s) => s.setIncidentActive);
  const open = useAppStore((s) => s.openIncident);
  const textRef = useRef<HTMLInputElement>(null);
  useSlashFocus(textRef);

  if (list.error && !list.data)
    return <ErrorNotice error={list.error} onRetry={() => void load()} testId="incident-error" />;
  // The open incidents come first and the rest follow: until then, say so rather than "none".
  const isHistoryLoading = isOpenOnly && !list.error;
  const isHistoryShown =
    filter.state === 'all' || (filter.state !== 'open' && !isOpenIncidentState(filter.state));
  if (!list.data || (isHistoryLoading && list.data.length === 0))
    return <LoadingBlock label={t('incidents.queue.loading')} />;
  if (list.data.length === 0) {
    return (
      <div data-testid="incident-empty">
        <EmptyState
          title={t('incidents.queue.emptyTitle')}
          detail={t('incidents.queue.emptyDetail')}
          action={
            canRespond && (
              <Button variant="primary" onClick={onDeclare} data-testid="incident-empty-declare">
                {t('incidents.declare.open')}
              </Button>
            )
          }
        />
      </div>
    );
  }
  return (
    <section className="incident-queue" aria-label={t('incidents.queue.label')}>
      {list.error && (
        <ErrorNotice error={list.error} onRetry={() => void load()} testId="incident-error" />
      )}
      <IncidentFilters
        textRef={textRef}
        filter={filter}
        services={services}
        onChange={setFilter}
        onClear={clearFilter}
      />
      <p className="muted incident-showing" data-testid="incident-showing" aria-live="polite">
        {t('incidents.queue.showing', {
          shown: formatNumber(shown.length, language),
          total: formatNumber(list.data.length, language),
        })}
        {isHistoryLoading && (
          <span data-testid="incident-history-loading">
            {' · '}
            {t('incidents.queue.historyLoading')}
          </span>
        )}
      </p>
      {shown.length === 0 && isHistoryLoading && isHistoryShown ? (
        <LoadingBlock label={t('incidents.queue.loading')} />
      ) : shown.length === 0 ? (
        <div data-testid="incident-no-match">
          <EmptyState
            title={t('incidents.queue.noMatch')}
            action={
              <Button size="sm" onClick={clearFilter}>
                {t('incidents.filter.clear')}
              </Button>
            }
          />
        </div>
      ) : (
        <IncidentTable
          incidents={shown}
          sort={sort}
          activeId={activeId}
          timeZone={timeZone}
          onSort={sortBy}
          onActive={setActive}
          onOpen={open}
        />
      )}
    </section>
  );
}

export function IncidentQueue() {
  const { t } = useTranslation();
  const load = useAppStore((s) => s.loadIncidents);
  const canRespond = useAppStore(selectCan('incidents.respond'));
  const setDeclareOpen = useAppStore((s) => s.setIncidentDeclareOpen);
  const hasRows = useAppStore((s) => (s.incidentList.data?.length ?? 0) > 0);

  useEffect(() => {
    void load();
  }, [load]);

  const onDeclare = () => setDeclareOpen(true);
  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        subtitle={t('incidents.subtitle')}
        actions={
          canRespond && hasRows ? (
            <Button variant="primary" onClick={onDeclare} data-testid="incident-declare">
              {t('incidents.declare.open')}
            </Button>
          ) : undefined
        }
      />
      <QueueBody onDeclare={onDeclare} />
    </>
  );
}

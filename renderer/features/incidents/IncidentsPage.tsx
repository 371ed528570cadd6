// The Incidents view: the queue → one incident. The route lives in the store, so Escape and the
// back button step up, and the paging bar's Open lands here from any screen.
import '../../styles/incidents.css';
import { useEffect } from 'react';
import { useEscapeBack } from '../../app/useEscapeBack.ts';
import type { AppState } from '../../store/appState.ts';
import { useAppStore } from '../../store/index.ts';
import { selectIncidentRoute } from '../../store/incidentsViewSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { DeclareDialog } from './DeclareDialog.tsx';
import { IncidentDetailView } from './IncidentDetailView.tsx';
import { IncidentQueue } from './IncidentQueue.tsx';

const incidentBackStep = (s: AppState) =>
  s.incidentDeclareOpen || s.incidentRoute.view === 'list' ? null : s.showIncidentList;

export function IncidentsPage() {
  const route = useAppStore(selectIncidentRoute);
  const loadIncident = useAppStore((s) => s.loadIncident);
  const back = useAppStore((s) => s.showIncidentList);
  const canRespond = useAppStore(selectCan('incidents.respond'));
  const declareOpen = useAppStore((s) => s.incidentDeclareOpen);
  const setDeclareOpen = useAppStore((s) => s.setIncidentDeclareOpen);
  const openId = route.view === 'detail' ? route.id : null;

  useEffect(() => {
    if (openId !== null) void loadIncident(openId, { quiet: true });
  }, [openId, loadIncident]);
  useEscapeBack(incidentBackStep);

  return (
    <div className="page incidents-page" data-testid="incidents-page">
      {openId === null ? <IncidentQueue /> : <IncidentDetailView id={openId} onBack={back} />}
      {declareOpen && canRespond && <DeclareDialog onClose={() => setDeclareOpen(false)} />}
    </div>
  );
}

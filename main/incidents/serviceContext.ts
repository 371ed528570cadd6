// What the incident side knows about a service from the SLO side: its SLOs, the SLAs over them and
// how soon their error budgets run out. Used to suggest impact and urgency.
import type { SloSummary } from '../../shared/ipc/sloSchemas.ts';
import { listSlas } from '../slo/slaRepository.ts';
import type { ReadableDb } from '../store/types.ts';

export interface ServiceContext {
  slos: string[];
  slas: string[];
  timeToExhaustionMinutes: number | null;
}

export type SloSummaries = () => readonly SloSummary[];

export function serviceContext(
  db: ReadableDb,
  summaries: readonly SloSummary[],
  service: string | null,
): ServiceContext {
  if (service === null) return { slos: [], slas: [], timeToExhaustionMinutes: null };
  const slos = summaries.filter((s) => s.model === service);
  const names = new Set(slos.map((s) => s.name));
  const slas = listSlas(db)
    .filter((sla) => sla.spec?.slos.some((name) => names.has(name)))
    .map((sla) => sla.name);
  // An SLO on too little of its window has a provisional budget: urgency comes from the alert instead.
  const burning = slos
    .filter((s) => s.coverage === null || s.coverage.isSufficient)
    .map((s) => s.timeToExhaustionMinutes)
    .filter((m): m is number => m !== null && Number.isFinite(m));
  return {
    slos: [...names].sort(),
    slas,
    timeToExhaustionMinutes: burning.length > 0 ? Math.min(...burning) : null,
  };
}

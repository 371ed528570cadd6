// SLO burn-rate alerts as a pipeline source: after each evaluation that changed the alert stream,
// firing alerts go in as firing (page → critical, ticket → warning) and resolved ones as resolved.
import { labelsFingerprint, type IncomingAlert } from '../../shared/domain/incidents/index.ts';
import { listSlos } from '../slo/sloRepository.ts';
import { alertsUpdatedSince } from '../slo/alertRepository.ts';
import type { ReadableDb } from '../store/types.ts';
import type { AlertPipeline } from './pipeline.ts';

export class SloAlertSource {
  /** The evaluator's writes up to here have been handed to the pipeline. */
  private cursorMs = 0;

  constructor(
    private readonly store: () => ReadableDb,
    private readonly pipeline: AlertPipeline,
  ) {}

  /** Called when slo.changed says alerts changed. */
  sync(): void {
    const db = this.store();
    const changed = alertsUpdatedSince(db, this.cursorMs);
    if (changed.length === 0) return;
    this.cursorMs = Math.max(...changed.map((a) => a.updatedAtMs));
    const services = new Map(
      listSlos(db).map((s) => [
        s.name,
        { model: s.spec?.service.model, site: s.spec?.service.site },
      ]),
    );
    const incoming: IncomingAlert[] = [];
    for (const a of changed) {
      if (a.state === 'pending') continue;
      const service = services.get(a.sloName);
      const labels: Record<string, string> = {
        ...a.labels,
        alertname: `SLOBurnRate${a.severity === 'page' ? 'Page' : 'Ticket'}`,
        slo: a.sloName,
        ...(service?.model ? { service: service.model } : {}),
        ...(service?.site ? { cluster: service.site } : {}),
      };
      incoming.push({
        source: 'slo',
        fingerprint: labelsFingerprint({ ...labels, slo_fingerprint: a.fingerprint }),
        status: a.state === 'firing' ? 'firing' : 'resolved',
        rule: labels.alertname!,
        severity: a.severity === 'page' ? 'critical' : 'warning',
        summary: a.summary,
        labels,
        startsAtMs: Date.parse(a.firingAt ?? a.startedAt),
        ...(a.resolvedAt ? { endsAtMs: Date.parse(a.resolvedAt) } : {}),
        sourceRef: `slo-alert:${a.id}`,
      });
    }
    this.pipeline.receive(incoming);
  }
}

// Deliveries from the site's Alertmanager (its webhook receiver): a live intake token, then a
// version 4 payload, then one transaction that hands the alerts to the pipeline and audits counts.
// Alertmanager retries a 5xx, never a 4xx: so a bad request is 4xx and changes nothing.
import type { IncomingAlert } from '../../../shared/domain/incidents/alerts.ts';
import { readAlertmanagerPayload } from '../../../shared/domain/incidents/alertmanager.ts';
import { auditBy } from '../../audit/index.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../log.ts';
import type { WritableDb } from '../../store/types.ts';
import { findTokenById, markUsed } from './tokenRepository.ts';
import type { IntakeCaller, IntakeTokens } from './tokens.ts';

/** The alert pipeline as intake sees it: one call, one transaction, deduped by fingerprint. */
export interface AlertReceiver {
  receive(alerts: readonly IncomingAlert[]): { incidentIds: number[]; alertIds: number[] };
}

/** What the web host sends back: a status and a small JSON body (plus headers for 401 and 503). */
export interface IntakeReply {
  status: number;
  body: { accepted: number } | { error: string };
  headers?: Record<string, string>;
}

export const INTAKE_AUTH_CHALLENGE = 'Bearer realm="mirqab-intake"';

/** What the shells call: a token check before the body is read, then the delivery itself. */
export interface AlertmanagerEndpoint {
  /** A reply that ends the request (401, 503), or the caller whose body may now be read. */
  admit(authorization: string | undefined): IntakeReply | IntakeCaller;
  deliver(caller: IntakeCaller, body: Buffer): IntakeReply;
}

export interface AlertmanagerIntakeOptions {
  tokens: IntakeTokens;
  pipeline: AlertReceiver;
  store: () => WritableDb;
  /** False while the store is locked or not yet set up: deliveries wait (503, retried). */
  isReady: () => boolean;
  clock: Clock;
  logger: Logger;
}

const unauthorized = (): IntakeReply => ({
  status: 401,
  body: {
    error:
      'A valid intake token is needed: send "Authorization: Bearer <token>" (create one with `mirqab intake token create NAME` or in Settings → Alert intake).',
  },
  headers: { 'WWW-Authenticate': INTAKE_AUTH_CHALLENGE },
});

const badRequest = (error: string): IntakeReply => ({ status: 400, body: { error } });

export class AlertmanagerIntake implements AlertmanagerEndpoint {
  constructor(private readonly options: AlertmanagerIntakeOptions) {}

  admit(authorization: string | undefined): IntakeReply | IntakeCaller {
    if (!this.options.isReady())
      return {
        status: 503,
        body: { error: "The console's store is locked; an operator must unlock it first." },
        headers: { 'Retry-After': '60' },
      };
    return this.options.tokens.authenticate(authorization) ?? unauthorized();
  }

  deliver(caller: IntakeCaller, body: Buffer): IntakeReply {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      return badRequest(`The body is not JSON: ${(error as Error).message}`);
    }
    const reading = readAlertmanagerPayload(json);
    if (!reading.ok) return badRequest(reading.message);
    const { alerts, payload } = reading;
    const db = this.options.store();
    const now = this.options.clock.now();
    // The token is looked at again inside the transaction: a revocation since admit() wins.
    const record = db.transaction(() => {
      if (findTokenById(db, caller.tokenId)?.revokedAt !== null) return false;
      const result =
        alerts.length > 0 ? this.options.pipeline.receive(alerts) : { incidentIds: [] };
      markUsed(db, caller.tokenId, now.getTime());
      auditBy(
        db,
        { username: `intake:${caller.name}`, role: 'intake' },
        {
          action: 'intake.alertmanager',
          target: `intake-token:${caller.name}`,
          outcome: 'success',
          details: {
            alerts: alerts.length,
            firing: alerts.filter((a) => a.status === 'firing').length,
            resolved: alerts.filter((a) => a.status === 'resolved').length,
            truncated: payload.truncatedAlerts,
            incidents: result.incidentIds.length,
          },
        },
        now,
      );
      return true;
    });
    let accepted: boolean;
    try {
      accepted = record();
    } catch (error) {
      this.options.logger.error('intake: an Alertmanager delivery failed', {
        token: caller.name,
        error: error instanceof Error ? error.stack : String(error),
      });
      return {
        status: 500,
        body: { error: 'Mirqab could not store the alerts; Alertmanager will retry.' },
      };
    }
    if (!accepted) return unauthorized();
    return { status: 200, body: { accepted: alerts.length } };
  }
}

// Rows of the retraining pipeline, trigger rules and retraining requests, with their mappers. JSON
// columns hold objects validated at the API edge.
import type {
  Evidence,
  PipelineSettings,
  RetrainingRequest,
  TriggerCondition,
  TriggerRule,
} from '../../shared/ipc/governanceSchemas.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import { all, get, run, sql } from '../store/sql.ts';
import type { ReadableDb, WritableDb } from '../store/types.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

type PipelineRow = {
  kind: string;
  url: string | null;
  ca_pem: string | null;
  directory: string | null;
};

export function readPipeline(db: ReadableDb): PipelineSettings | null {
  const row = get<PipelineRow>(
    db,
    sql`SELECT kind, url, ca_pem, directory FROM retraining_pipeline WHERE id = 1`,
  );
  if (!row) return null;
  return row.kind === 'webhook'
    ? { kind: 'webhook', url: row.url ?? '', caPem: row.ca_pem ?? '' }
    : { kind: 'file_drop', directory: row.directory ?? '' };
}

export function putPipeline(db: WritableDb, p: PipelineSettings, by: string, nowMs: number): void {
  const url = p.kind === 'webhook' ? p.url : null;
  const ca = p.kind === 'webhook' ? p.caPem : null;
  const dir = p.kind === 'file_drop' ? p.directory : null;
  run(
    db,
    sql`INSERT INTO retraining_pipeline (id, kind, url, ca_pem, directory, updated_by, updated_at)
        VALUES (1, ${p.kind}, ${url}, ${ca}, ${dir}, ${by}, ${nowMs})
        ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, url = excluded.url, ca_pem = excluded.ca_pem,
          directory = excluded.directory, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
}

type RuleRow = {
  id: number;
  name: string;
  model: string;
  kind: string;
  params: string;
  cooldown_ms: number;
  is_enabled: number;
  updated_by: string;
  updated_at: number;
};

const rowToRule = (r: RuleRow): TriggerRule => ({
  id: r.id,
  name: r.name,
  model: r.model,
  condition: { ...(JSON.parse(r.params) as object), kind: r.kind } as TriggerCondition,
  cooldownMinutes: Math.round(r.cooldown_ms / MINUTE_MS),
  isEnabled: r.is_enabled === 1,
  updatedBy: r.updated_by,
  updatedAt: iso(r.updated_at),
});

export const listRules = (db: ReadableDb): TriggerRule[] =>
  all<RuleRow>(db, sql`SELECT * FROM retraining_rules ORDER BY name`).map(rowToRule);

export function findRule(db: ReadableDb, id: number): TriggerRule | null {
  const row = get<RuleRow>(db, sql`SELECT * FROM retraining_rules WHERE id = ${id}`);
  return row ? rowToRule(row) : null;
}

export interface RuleWrite {
  name: string;
  model: string;
  condition: TriggerCondition;
  cooldownMs: number;
  isEnabled: boolean;
  by: string;
  nowMs: number;
}

export function saveRule(db: WritableDb, id: number | null, w: RuleWrite): number {
  const { kind, ...params } = w.condition;
  const p = JSON.stringify(params);
  const on = w.isEnabled ? 1 : 0;
  if (id === null)
    return Number(
      run(
        db,
        sql`INSERT INTO retraining_rules (name, model, kind, params, cooldown_ms, is_enabled, updated_by, updated_at)
            VALUES (${w.name}, ${w.model}, ${kind}, ${p}, ${w.cooldownMs}, ${on}, ${w.by}, ${w.nowMs})`,
      ).lastInsertRowid,
    );
  run(
    db,
    sql`UPDATE retraining_rules SET name = ${w.name}, model = ${w.model}, kind = ${kind}, params = ${p},
          cooldown_ms = ${w.cooldownMs}, is_enabled = ${on}, updated_by = ${w.by}, updated_at = ${w.nowMs}
        WHERE id = ${id}`,
  );
  return id;
}

type RequestRow = {
  id: number;
  rule_id: number;
  rule_name: string;
  model: string;
  versions: string;
  status: RetrainingRequest['status'];
  evidence: string;
  fired_at: number;
  attempts: number;
  delivered_at: number | null;
  delivered_to: string | null;
  last_error: string | null;
  closed_at: number | null;
  new_version: string | null;
  change_id: number | null;
};

const rowToRequest = (r: RequestRow): RetrainingRequest => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  model: r.model,
  versions: JSON.parse(r.versions) as string[],
  status: r.status,
  evidence: JSON.parse(r.evidence) as Evidence,
  firedAt: iso(r.fired_at),
  attempts: r.attempts,
  deliveredAt: isoOrNull(r.delivered_at),
  deliveredTo: r.delivered_to,
  lastError: r.last_error,
  closedAt: isoOrNull(r.closed_at),
  newVersion: r.new_version,
  changeId: r.change_id,
});

const REQUESTS = sql`SELECT q.*, r.name AS rule_name FROM retraining_requests q JOIN retraining_rules r ON r.id = q.rule_id`;

export const listRequests = (db: ReadableDb, limit = 200): RetrainingRequest[] =>
  all<RequestRow>(db, sql`${REQUESTS} ORDER BY q.fired_at DESC, q.id DESC LIMIT ${limit}`).map(
    rowToRequest,
  );

export function findRequest(db: ReadableDb, id: number): RetrainingRequest | null {
  const row = get<RequestRow>(db, sql`${REQUESTS} WHERE q.id = ${id}`);
  return row ? rowToRequest(row) : null;
}

/** Requests of a model still waiting for their new version. */
export const openRequestsOf = (db: ReadableDb, model: string): RetrainingRequest[] =>
  all<RequestRow>(
    db,
    sql`${REQUESTS} WHERE q.model = ${model} AND q.status IN ('pending', 'delivered', 'failed') ORDER BY q.id`,
  ).map(rowToRequest);

export const undeliveredRequests = (db: ReadableDb): RetrainingRequest[] =>
  all<RequestRow>(db, sql`${REQUESTS} WHERE q.status IN ('pending', 'failed') ORDER BY q.id`).map(
    rowToRequest,
  );

/** When the rule last fired (for its cool-down), or null. */
export const lastFiredAt = (db: ReadableDb, ruleId: number): number | null =>
  get<{ t: number | null }>(
    db,
    sql`SELECT MAX(fired_at) AS t FROM retraining_requests WHERE rule_id = ${ruleId}`,
  )?.t ?? null;

export function insertRequest(
  db: WritableDb,
  r: { ruleId: number; model: string; versions: string[]; evidence: Evidence; nowMs: number },
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO retraining_requests (rule_id, model, versions, status, evidence, fired_at)
          VALUES (${r.ruleId}, ${r.model}, ${JSON.stringify(r.versions)}, 'pending', ${JSON.stringify(r.evidence)}, ${r.nowMs})`,
    ).lastInsertRowid,
  );
}

export function markDelivery(
  db: WritableDb,
  id: number,
  d: { isOk: boolean; to: string; error: string | null; nowMs: number },
): void {
  if (d.isOk)
    run(
      db,
      sql`UPDATE retraining_requests SET status = 'delivered', attempts = attempts + 1, delivered_at = ${d.nowMs},
            delivered_to = ${d.to}, last_error = NULL WHERE id = ${id} AND status IN ('pending', 'failed')`,
    );
  else
    run(
      db,
      sql`UPDATE retraining_requests SET status = 'failed', attempts = attempts + 1, last_error = ${d.error}
          WHERE id = ${id} AND status IN ('pending', 'failed')`,
    );
}

export function closeRequest(
  db: WritableDb,
  id: number,
  c: { version: string; changeId: number; nowMs: number },
): void {
  run(
    db,
    sql`UPDATE retraining_requests SET status = 'closed', closed_at = ${c.nowMs}, new_version = ${c.version},
          change_id = ${c.changeId} WHERE id = ${id}`,
  );
}

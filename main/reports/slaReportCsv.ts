// The SLA report as RFC 4180 CSV: one row per SLO, rectangular (the SLA's figures and the audit
// checkpoint repeat on every row), CRLF line ends, UTF-8 with a BOM so Excel shows Arabic names.
// A report over simulated hosts opens with a `# SIMULATED DATA` comment line and says so on every row.
import type { SlaReport } from '../../shared/ipc/sloSchemas.ts';
import { isoInSite, type ReportStamp } from './reportFormat.ts';
import { reportText } from './reportText.ts';

export const SLA_REPORT_CSV_COLUMNS = [
  'sla',
  'customer',
  'period',
  'from',
  'to',
  'slo',
  'objective',
  'attainment',
  'budget_consumed',
  'met',
  'breaches',
  'maintenance_minutes',
  'credit_percent',
  'sla_target',
  'sla_attainment',
  'sla_met',
  'time_zone',
  'generated_at',
  'checkpoint_tree_size',
  'checkpoint_root',
  'simulated_data',
] as const;

type Column = (typeof SLA_REPORT_CSV_COLUMNS)[number];

/** Text from the data is guarded; numbers we format ourselves are not (a negative stays a number). */
class Text {
  constructor(readonly value: string) {}
}
type Cell = Text | number | boolean | null;

/** Cells a spreadsheet would run as a formula get a leading apostrophe (OWASP CSV injection). */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Text) return defuse(cell.value);
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  return Number.isFinite(cell) ? String(cell) : '';
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderSlaReportCsv(report: SlaReport, stamp: ReportStamp): string {
  const shared: Record<
    Exclude<Column, 'slo' | 'objective' | 'attainment' | 'budget_consumed' | 'met' | 'breaches'>,
    Cell
  > = {
    sla: new Text(report.sla),
    customer: new Text(report.customer),
    period: new Text(report.period),
    from: new Text(isoInSite(report.from, report.timeZone)),
    to: new Text(isoInSite(report.to, report.timeZone)),
    maintenance_minutes: report.maintenanceMinutes,
    credit_percent: report.creditPercent,
    sla_target: report.target,
    sla_attainment: report.attainment,
    sla_met: report.isMet,
    time_zone: new Text(report.timeZone),
    generated_at: new Text(isoInSite(report.generatedAt, report.timeZone)),
    checkpoint_tree_size: stamp.checkpoint.treeSize,
    checkpoint_root: new Text(stamp.checkpoint.rootHash),
    simulated_data: report.isSimulated,
  };
  const perSlo: Record<Column, Cell>[] = report.slos.map((slo) => ({
    ...shared,
    slo: new Text(slo.name),
    objective: slo.objective,
    attainment: slo.attainment,
    budget_consumed: slo.budgetConsumed,
    met: slo.isMet,
    breaches: slo.breaches.length,
  }));
  // reason: an SLA over no SLOs still gets one row, so its verdict and stamp are never lost.
  const rows =
    perSlo.length > 0
      ? perSlo
      : [
          {
            ...shared,
            slo: null,
            objective: null,
            attainment: null,
            budget_consumed: null,
            met: null,
            breaches: 0,
          },
        ];
  // reason: a report over simulated hosts says so before any figure, as the PDF does on every page.
  const warning = report.isSimulated
    ? [`# ${reportText('en').simulated}. Figures include simulated (demo) hosts.`]
    : [];
  const lines = [
    ...warning,
    SLA_REPORT_CSV_COLUMNS.join(','),
    ...rows.map((row) => SLA_REPORT_CSV_COLUMNS.map((c) => csvField(cellText(row[c]))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

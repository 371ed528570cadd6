// The SLA editor's form: typed text ↔ the spec SlaSpecSchema validates. Maintenance windows are
// typed in the site's local time and stored as ISO instants with the zone's offset.
import { SlaSpecSchema, type SlaSpec } from '../../../shared/domain/slo/sla.ts';
import { pathKey, type Issue } from '../slo/issueText.ts';
import { fractionFromPercentText, numberFromText, toPercentText } from '../slo/sloForm.ts';
import { isoToLocalInput, localInputToIso } from './period.ts';

export interface MaintenanceDraft {
  start: string;
  end: string;
  reason: string;
}

export interface CreditDraft {
  belowPercent: string;
  creditPercent: string;
}

export interface SlaDraft {
  name: string;
  displayName: string;
  customer: string;
  slos: string[];
  targetPercent: string;
  period: 'month' | 'quarter';
  maintenance: MaintenanceDraft[];
  credits: CreditDraft[];
}

export const emptySlaDraft = (): SlaDraft => ({
  name: '',
  displayName: '',
  customer: '',
  slos: [],
  targetPercent: '99.5',
  period: 'month',
  maintenance: [],
  credits: [{ belowPercent: '99.5', creditPercent: '10' }],
});

export function slaDraftFromSpec(spec: SlaSpec, timeZone: string): SlaDraft {
  return {
    name: spec.name,
    displayName: spec.displayName,
    customer: spec.customer,
    slos: spec.slos,
    targetPercent: toPercentText(spec.target),
    period: spec.period,
    maintenance: spec.maintenance.map((m) => ({
      start: isoToLocalInput(m.start, timeZone),
      end: isoToLocalInput(m.end, timeZone),
      reason: m.reason,
    })),
    credits: spec.credits.map((c) => ({
      belowPercent: toPercentText(c.below),
      creditPercent: String(c.creditPercent),
    })),
  };
}

export function slaDraftToCandidate(d: SlaDraft, timeZone: string): unknown {
  return {
    name: d.name,
    displayName: d.displayName,
    customer: d.customer,
    slos: d.slos,
    target: fractionFromPercentText(d.targetPercent),
    period: d.period,
    maintenance: d.maintenance.map((m) => ({
      start: localInputToIso(m.start, timeZone),
      end: localInputToIso(m.end, timeZone),
      reason: m.reason,
    })),
    credits: d.credits.map((c) => ({
      below: fractionFromPercentText(c.belowPercent),
      creditPercent: numberFromText(c.creditPercent),
    })),
  };
}

export function validateSlaDraft(
  d: SlaDraft,
  timeZone: string,
): { spec: SlaSpec | null; problems: Map<string, Issue> } {
  const parsed = SlaSpecSchema.safeParse(slaDraftToCandidate(d, timeZone));
  const problems = new Map<string, Issue>();
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      if (!problems.has(pathKey(issue.path))) problems.set(pathKey(issue.path), issue);
  return { spec: parsed.success ? parsed.data : null, problems };
}

// The first draft of a postmortem, written from its incident: impact (duration, priority, services,
// SLOs and the share of each error budget burned), the timeline in the site's zone, detection, and
// the ML section's model and version. The rest of the template holds prompts for the authors.
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { emptySections, type Sections } from '../../shared/domain/postmortems/template.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { PostmortemChart } from '../../shared/ipc/postmortemSchemas.ts';
import type { ChartWindow, IncidentFacts } from './incidentFacts.ts';

/** Text from the incident is shown as text: Markdown punctuation in it cannot start a link or a list. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function instant(ms: number, timeZone: string): string {
  return format(ms, "yyyy-MM-dd HH:mm 'UTC'xxx", { in: tz(timeZone) });
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE_MS));
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

function percent(fraction: number | null): string {
  return fraction === null ? 'unknown' : `${(fraction * 100).toFixed(1)} %`;
}

function impact(
  facts: IncidentFacts,
  charts: readonly PostmortemChart[],
  window: ChartWindow,
  tzName: string,
) {
  const i = facts.incident;
  const lasted = window.incidentEndMs - i.opened_at - i.hold_ms;
  const lines = [
    `- **Duration:** ${duration(lasted)} (opened ${instant(i.opened_at, tzName)}, ${
      i.resolved_at === null ? 'not yet resolved' : `resolved ${instant(i.resolved_at, tzName)}`
    })`,
    `- **Priority:** ${i.priority} (impact ${i.impact}, urgency ${i.urgency}), category ${i.category.replace(/_/g, ' ')}${i.is_major ? ', major incident' : ''}`,
    `- **Affected service:** ${i.service === null ? 'none named' : markdownText(i.service)}${i.cluster === null ? '' : ` on cluster ${markdownText(i.cluster)}`}`,
    `- **Alerts:** ${facts.alerts.length}`,
  ];
  if (charts.length === 0) lines.push('- **SLOs affected:** none recorded');
  else {
    lines.push('- **Error budget consumed by this incident:**');
    for (const c of charts)
      lines.push(
        `  - ${markdownText(c.displayName)}: ${c.error === null ? percent(c.budgetConsumed) : `unknown (${markdownText(c.error)})`}`,
      );
  }
  return `${lines.join('\n')}\n\n_Who and what was affected, in the users' terms:_ `;
}

function timeline(facts: IncidentFacts, tzName: string): string {
  if (facts.timeline.length === 0) return '';
  return facts.timeline
    .map(
      (e) =>
        `- ${instant(Date.parse(e.at), tzName)} — ${markdownText(e.text)}${e.actor ? ` (${markdownText(e.actor)})` : ''}`,
    )
    .join('\n');
}

function detection(facts: IncidentFacts, tzName: string): string {
  const firstAlerts = [...facts.alerts]
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt))
    .slice(0, 5);
  if (firstAlerts.length === 0)
    return `Declared by hand at ${instant(facts.incident.detected_at, tzName)}; no alert caught it.`;
  return firstAlerts
    .map(
      (a) =>
        `- ${instant(Date.parse(a.startedAt), tzName)}: ${markdownText(a.rule)} (${a.source}, ${a.severity}) — ${markdownText(a.summary)}`,
    )
    .join('\n');
}

export function prefillSections(
  facts: IncidentFacts,
  charts: readonly PostmortemChart[],
  window: ChartWindow,
  timeZone: string,
): Sections {
  const sections = emptySections();
  const i = facts.incident;
  sections.summary = `${markdownText(i.title)}.\n\n_What happened, in two or three sentences:_ `;
  sections.impact = impact(facts, charts, window, timeZone);
  sections.detection = detection(facts, timeZone);
  sections.timeline = timeline(facts, timeZone);
  sections.modelVersion = [
    `- **Model:** ${facts.model === null ? 'not named by the alerts' : markdownText(facts.model)}`,
    `- **Version:** ${facts.modelVersion === null ? 'not named by the alerts' : markdownText(facts.modelVersion)}`,
  ].join('\n');
  return sections;
}

// A postmortem as one Markdown file: the template's sections as the authors wrote them (raw HTML
// made literal), the action items as a table, each SLO's budget consumed, and the audit stamp.
import { literalHtmlInMarkdown } from '../../shared/domain/postmortems/markdown.ts';
import { SECTION_GROUPS } from '../../shared/domain/postmortems/template.ts';
import type { PostmortemDetail } from '../../shared/ipc/postmortemSchemas.ts';
import type { PostmortemExportContext } from './postmortemReportHtml.ts';
import { postmortemWords } from './postmortemReportText.ts';
import { formatBudget, formatInstant, formatObjective, type ReportStamp } from './reportFormat.ts';
import { fill, reportText } from './reportText.ts';

/** Text from a field shown inside a table cell or a heading: one line, no pipes, no markup. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`)
    .trim();
}

export function renderPostmortemMarkdown(
  p: PostmortemDetail,
  stamp: ReportStamp,
  ctx: PostmortemExportContext,
): string {
  const w = postmortemWords(stamp.language);
  const t = reportText(stamp.language);
  const out: string[] = [
    `# ${w.title}: ${cell(p.title)}`,
    '',
    `- **${w.incident}:** #${p.incidentId} ${cell(p.incidentTitle)} (${p.incidentPriority})`,
    `- **${w.state}:** ${w.states[p.state]}, ${w.revision} ${p.revision}`,
    `- **${w.author}:** ${cell(p.author)}`,
    `- **${w.reviewers}:** ${p.reviewers.length === 0 ? '—' : p.reviewers.map((r) => `${cell(r.username)} (${w.decisions[r.decision]})`).join(', ')}`,
    `- **${w.published}:** ${p.publishedAt === null ? w.notPublished : `${formatInstant(p.publishedAt, ctx.timeZone, true)}${p.publishedBy ? ` (${cell(p.publishedBy)})` : ''}`}`,
    '',
    `_${w.blameless}_`,
    '',
  ];
  for (const group of SECTION_GROUPS) {
    out.push(`## ${w.groups[group.group]}`, '');
    for (const key of group.keys) {
      const text = p.sections[key].trim();
      out.push(
        `### ${w.sections[key]}`,
        '',
        text === '' ? `_${w.empty}_` : literalHtmlInMarkdown(text),
        '',
      );
    }
    if (group.group !== 'incident') continue;
    out.push(`### ${w.actionItems}`, '');
    if (p.actionItems.length === 0) out.push(`_${w.noActionItems}_`, '');
    else {
      out.push(`| ${w.item} | ${w.owner} | ${w.due} | ${w.status} |`, '| --- | --- | --- | --- |');
      for (const a of p.actionItems)
        out.push(
          `| ${cell(a.title)} | ${cell(a.owner)} | ${a.dueDate ?? '—'}${a.isOverdue ? ` (${w.overdue})` : ''} | ${w.statuses[a.status]} |`,
        );
      out.push('');
    }
  }
  out.push(`## ${w.charts}`, '');
  if (p.charts.length === 0) out.push(`_${w.noCharts}_`, '');
  for (const c of p.charts)
    out.push(
      `- **${cell(c.displayName)}** (${formatObjective(c.objective)}): ${fill(w.budgetConsumed, { value: formatBudget(c.budgetConsumed) })}`,
    );
  const { checkpoint } = stamp;
  out.push(
    '',
    '---',
    '',
    `## ${t.provenance}`,
    '',
    t.provenanceIntro,
    '',
    `- **${t.site}:** ${cell(stamp.siteName)}`,
    `- **${t.generated}:** ${formatInstant(ctx.generatedAt, ctx.timeZone, true)} (${cell(stamp.generatedBy)})`,
    `- **${t.checkpointTreeSize}:** #${checkpoint.treeSize}`,
    `- **${t.rootHash}:** \`${checkpoint.rootHash}\``,
    `- **${t.signedAt}:** ${checkpoint.signedAt ? formatInstant(checkpoint.signedAt, ctx.timeZone, true) : t.notSigned}`,
    `- **${t.keyFingerprint}:** ${checkpoint.keyFingerprint ? `\`${checkpoint.keyFingerprint}\`` : '—'}`,
  );
  if (checkpoint.signature) out.push(`- **${t.signature}:** \`${checkpoint.signature}\``);
  if (stamp.checkpointFile) out.push('', fill(t.checkpointFile, { file: stamp.checkpointFile }));
  return `${out.join('\n')}\n`;
}

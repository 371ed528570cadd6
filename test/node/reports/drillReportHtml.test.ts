// The drill report's HTML (what the PDF printers print): the simulation warning at the head of every
// page and on the first, the score and each component with its evidence in the site's zone, the
// debrief with unanswered questions shown as such, and every free-text field escaped.
import { describe, expect, it } from 'vitest';
import { debriefEntries, renderDrillHtml } from '../../../main/reports/drillReportHtml.ts';
import { cssString, escapeHtml } from '../../../main/reports/reportFormat.ts';
import {
  CONTEXT,
  hostileDrill,
  QUESTIONS,
  sampleDrill,
  sampleStamp,
  SIMULATED,
  xss,
} from './drillReportFixture.ts';

const render = (language: 'en' | 'ar' = 'en') =>
  renderDrillHtml(sampleDrill(), QUESTIONS, sampleStamp(language), CONTEXT);
const text = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the drill report HTML', () => {
  it('says DRILL at the head of every printed page, and again at the top of the first', () => {
    const html = render();
    const page = /@page \{[\s\S]*?\n\}/.exec(html)?.[0] ?? '';
    expect(page).toContain(`@top-center { content: ${cssString(SIMULATED)};`);
    expect(text(html)).toContain(`${SIMULATED} Everything in this report happened in a drill`);
    expect(html).toContain(`<title>${escapeHtml(SIMULATED)} — Drill report — A GPU falls off`);
  });

  it('names the scenario, the people, the mode and speed, and the times in the site’s zone', () => {
    const body = text(render());
    for (const fact of [
      'Scenario A GPU falls off the bus gpu-node-failure · version 3',
      'Team Inference SRE',
      'Facilitator fatima',
      'Participants amal , omar',
      'Mode Live · speed 10×',
      'Started 2026-11-03 10:00 UTC+04:00',
      'Ended 2026-11-03 10:45 UTC+04:00',
      'Drill incident #12 gpu-node-02 lost GPU 3 · P2 · acknowledged',
    ])
      expect(body).toContain(fact);
  });

  it('shows the score big and each component with its target, outcome, points and evidence', () => {
    const html = render();
    expect(html).toMatch(/<span class="value num">50<\/span>/);
    const body = text(html);
    expect(body).toContain('Score 50 of 100');
    for (const row of [
      'Detect within 5 min detected after 1.5 min 2026-11-03 10:03 UTC+04:00 ( minute 3.5 ) alert GpuXidErrors fired 10 of 10',
      'Acknowledge within 5 min acknowledged after 8 min 2026-11-03 10:11 UTC+04:00 ( minute 11.5 ) amal acknowledged the incident 7.5 of 15',
      'Mitigate within 20 min never mitigated No evidence recorded. 0 of 20',
      'Priority P2 P2',
      'Runbook choice drain-gpu-host',
      'Required steps cordon, drain 1 of 2 done; not done: drain',
      'Postmortem a postmortem submitted for review no postmortem No evidence recorded. 0 of 10',
    ])
      expect(body).toContain(row);
    expect(body).toContain('Earned 42.5 of 85 points.');
  });

  it('lists the timeline by minute, the debrief answers and the action items with owners', () => {
    const body = text(render());
    expect(body).toContain('2 2026-11-03 10:02 Fault injected gpu_xid 79 on gpu-node-02 GPU 3');
    expect(body).toContain('45 2026-11-03 10:45 Ended Drill ended by the facilitator');
    expect(body).toContain(`${QUESTIONS[0]} The Xid alert, then the throughput panel.`);
    expect(body).toContain(`${QUESTIONS[1]} Not answered.`);
    expect(body).toContain('Add the drain step to the on-call checklist omar');
    expect(body).toContain('Alert on Xid 79 directly Unassigned');
    expect(body).toContain(`Merkle root hash ${'c0ffee00d15ea5e5'.repeat(4)}`);
  });

  it('keeps answers to questions the scenario no longer asks, after the ones it does', () => {
    const entries = debriefEntries(
      ['Q1', 'Q2'],
      [
        { question: 'Old question', answer: 'kept' },
        { question: 'Q2', answer: '  ' },
      ],
    );
    expect(entries).toEqual([
      { question: 'Q1', answer: null },
      { question: 'Q2', answer: null },
      { question: 'Old question', answer: 'kept' },
    ]);
  });

  it('escapes markup in every free-text field: team, names, evidence, answers, action items', () => {
    const { detail, questions, fields } = hostileDrill();
    const html = renderDrillHtml(detail, questions, sampleStamp(), CONTEXT);
    for (const field of fields) expect(html).toContain(escapeHtml(xss(field)));
    expect(html).not.toMatch(/<script|<img|<iframe|<[^>]*\son\w+=/i);
    // reason: the title carries the drill's title too; it must stay text there as well.
    expect(html).toMatch(/<title>[^<]*&lt;script&gt;alert\(&#39;title&#39;\)/);
  });

  it('prints in Arabic right to left, with the warning in Arabic on every page', () => {
    const html = render('ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(cssString('تمرين — حادث محاكى، ليست بيانات إنتاج'));
    expect(text(html)).toContain('لم يُجب عنه.');
  });
});

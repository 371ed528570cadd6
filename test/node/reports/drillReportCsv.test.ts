// The drill's CSV files: each opens by saying it is a simulated drill, then one RFC 4180 row per score
// component (or timeline entry), times with the site's offset, formulas defused.
import { describe, expect, it } from 'vitest';
import {
  DRILL_SCORE_CSV_COLUMNS,
  DRILL_TIMELINE_CSV_COLUMNS,
  renderDrillScoreCsv,
  renderDrillTimelineCsv,
} from '../../../main/reports/drillReportCsv.ts';
import { parseCsv, records } from './csvRecords.ts';
import { sampleDrill, SIMULATED } from './drillReportFixture.ts';

const ZONE = 'Asia/Dubai';
const COMMENT = `\uFEFF# ${SIMULATED}. Drill 7; score 50 of 100.\r\n`;

/** The rows after the comment line, which must come first. */
function table(csv: string): string {
  expect(csv.startsWith(COMMENT)).toBe(true);
  return csv.slice(COMMENT.length);
}

describe('the drill score CSV', () => {
  it('says first that it is a simulated drill, then one row per component with points and evidence', () => {
    const csv = renderDrillScoreCsv(sampleDrill(), ZONE);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const rows = parseCsv(table(csv));
    expect(rows[0]).toEqual([...DRILL_SCORE_CSV_COLUMNS]);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(row).toHaveLength(DRILL_SCORE_CSV_COLUMNS.length);
    const byKey = new Map(records(table(csv)).map((r) => [r['component'], r]));
    expect(byKey.get('acknowledge')).toEqual({
      component: 'acknowledge',
      weight: '15',
      earned: '7.5',
      target: 'within 5 min',
      outcome: 'acknowledged after 8 min',
      evidence: '2026-11-03T10:11:30+04:00 amal acknowledged the incident',
    });
    expect(byKey.get('mitigate')).toMatchObject({ earned: '0', evidence: '' });
    expect(byKey.get('steps')).toMatchObject({ target: 'cordon, drain', earned: '5' });
  });

  it('joins several pieces of evidence with " | "', () => {
    const drill = sampleDrill();
    drill.components[0]!.evidence.push({ atMs: Date.UTC(2026, 10, 3, 6, 4), text: 'paged amal' });
    const [detect] = records(table(renderDrillScoreCsv(drill, ZONE)));
    expect(detect!['evidence']).toBe(
      '2026-11-03T10:03:30+04:00 alert GpuXidErrors fired | 2026-11-03T10:04:00+04:00 paged amal',
    );
  });

  it('quotes commas, quotes and line breaks, and defuses cells a spreadsheet would run', () => {
    const drill = sampleDrill();
    drill.components[0] = {
      ...drill.components[0]!,
      target: '=cmd()',
      outcome: '+SUM(1,2)',
      evidence: [],
    };
    drill.components[1] = { ...drill.components[1]!, target: '-2+3', outcome: '@A1 "x"\r\nnext' };
    drill.timeline[1] = { ...drill.timeline[1]!, text: '=HYPERLINK("http://evil.example")' };
    const [first, second] = records(table(renderDrillScoreCsv(drill, ZONE)));
    expect(first).toMatchObject({ target: `'=cmd()`, outcome: `'+SUM(1,2)` });
    expect(second).toMatchObject({ target: `'-2+3`, outcome: `'@A1 "x"\r\nnext` });
    const timeline = records(table(renderDrillTimelineCsv(drill, ZONE)));
    expect(timeline[1]!['text']).toBe(`'=HYPERLINK("http://evil.example")`);
  });
});

describe('the drill timeline CSV', () => {
  it('says first that it is a simulated drill, then each entry at its site time and minute', () => {
    const csv = renderDrillTimelineCsv(sampleDrill(), ZONE);
    const rows = parseCsv(table(csv));
    expect(rows[0]).toEqual([...DRILL_TIMELINE_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 45);
    expect(records(table(csv)).slice(0, 2)).toEqual([
      {
        at: '2026-11-03T10:00:00+04:00',
        minute: '0',
        kind: 'started',
        text: 'Drill started at 10× speed',
      },
      {
        at: '2026-11-03T10:02:00+04:00',
        minute: '2',
        kind: 'inject',
        text: 'gpu_xid 79 on gpu-node-02 GPU 3',
      },
    ]);
  });

  it('says "not scored" for a drill that failed before it was scored', () => {
    const csv = renderDrillTimelineCsv({ ...sampleDrill(), score: null }, ZONE);
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF# ${SIMULATED}. Drill 7; not scored.`);
  });
});

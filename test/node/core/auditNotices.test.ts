// A burst of audit entries refreshes the Audit view a few times, not once per entry, and never for an entry rolled back.
import { expect, it } from 'vitest';
import { AuditChangeNotices } from '../../../main/core/auditNotices.ts';

function notices(head: () => number | null) {
  const announced: number[] = [];
  let onAnnounce = () => {};
  const subject = new AuditChangeNotices(
    (seq) => {
      announced.push(seq);
      onAnnounce();
    },
    head,
    10,
  );
  const next = () => new Promise<void>((resolve) => (onAnnounce = resolve));
  return { subject, announced, next };
}

it('a burst of appends is announced once at once and once more after it, with the head at that time', async () => {
  let head = 0;
  const { subject, announced, next } = notices(() => head);
  const first = next();
  for (let i = 0; i < 100; i++) {
    head += 1;
    subject.noteAppended();
  }
  await first;
  expect(announced).toEqual([100]);
  const trailing = next();
  for (let i = 0; i < 50; i++) {
    head += 1;
    subject.noteAppended();
  }
  await trailing;
  expect(announced).toEqual([100, 150]);
  subject.stop();
});

it('an append whose transaction rolled back (the head did not move) is not announced', async () => {
  let head = 7;
  const { subject, announced, next } = notices(() => head);
  const first = next();
  head = 8;
  subject.noteAppended();
  await first;
  subject.noteAppended(); // rolled back: the head is still 8
  head = 9;
  const later = next();
  subject.noteAppended();
  await later;
  expect(announced).toEqual([8, 9]);
  subject.stop();
});

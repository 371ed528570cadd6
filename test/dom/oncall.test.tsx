// The On-call page around a fake bridge: who is on call now, the week calendar and its keyboard,
// the schedule, override and policy editors with their checks, read-only roles, and Arabic.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import type {
  ChannelInput,
  EscalationPolicyView,
  OnCallSchedule,
  OnCallShifts,
} from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { apiError, createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const NOW = '2026-11-26T06:00:00.000Z'; // Thursday 10:00 in Dubai

const l1: OnCallSchedule = {
  id: 1,
  name: 'Platform L1',
  description: 'First line for the inference platform',
  layers: [
    {
      name: 'Weekdays',
      participants: ['amal', 'bilal'],
      turn: { unit: 'week', count: 1 },
      handoffTime: '09:00',
      startDate: '2026-11-23',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    },
  ],
  overrides: [
    {
      id: 7,
      scheduleId: 1,
      username: 'chen',
      startsAt: '2026-11-26T04:00:00.000Z',
      endsAt: '2026-11-26T14:00:00.000Z',
      reason: 'amal on leave',
      createdBy: 'omar',
      createdAt: '2026-11-25T10:00:00.000Z',
    },
  ],
  usedBy: [{ id: 3, name: 'Critical' }],
  updatedBy: 'omar',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

const critical: EscalationPolicyView = {
  id: 3,
  name: 'Critical',
  description: '',
  isDefault: true,
  priorities: ['P1', 'P2'],
  categories: [],
  services: [],
  repeat: 1,
  tiers: [
    {
      kind: 'first_line',
      label: 'L1 operator',
      targets: [{ type: 'schedule', scheduleId: 1 }],
      timeoutMinutes: 15,
    },
    {
      kind: 'hierarchical',
      label: 'L3 platform lead',
      targets: [{ type: 'operator', username: 'lead' }],
      timeoutMinutes: 30,
    },
  ],
  updatedBy: 'omar',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

const people = ['amal', 'bilal', 'chen', 'lead'].map((username) => ({
  username,
  displayName: username.charAt(0).toUpperCase() + username.slice(1),
  isDisabled: false,
}));

function shiftsFor({ from, to }: { from: string; to: string }): OnCallShifts {
  const isThisWeek = from === '2026-11-22T20:00:00.000Z';
  return {
    from,
    to,
    timeZone: 'Asia/Dubai',
    schedules: [
      {
        scheduleId: 1,
        scheduleName: 'Platform L1',
        shifts: isThisWeek
          ? [
              {
                username: 'amal',
                startsAt: '2026-11-23T05:00:00.000Z',
                endsAt: '2026-11-26T04:00:00.000Z',
                source: 'rotation',
                layer: 0,
                overrideId: null,
              },
              {
                username: 'chen',
                startsAt: '2026-11-26T04:00:00.000Z',
                endsAt: '2026-11-26T14:00:00.000Z',
                source: 'override',
                layer: null,
                overrideId: 7,
              },
              {
                username: 'amal',
                startsAt: '2026-11-26T14:00:00.000Z',
                endsAt: '2026-11-28T05:00:00.000Z',
                source: 'rotation',
                layer: 0,
                overrideId: null,
              },
            ]
          : [
              {
                username: 'bilal',
                startsAt: '2026-11-30T05:00:00.000Z',
                endsAt: '2026-12-05T05:00:00.000Z',
                source: 'rotation',
                layer: 0,
                overrideId: null,
              },
            ],
      },
    ],
  };
}

function bridgeFor(
  role: Role,
  extra: Handlers = {},
  asked: { channel: string; input: unknown }[] = [],
) {
  const record =
    <C extends keyof Handlers>(channel: C, answer: NonNullable<Handlers[C]>) =>
    (input: never) => {
      asked.push({ channel, input });
      return (answer as (i: never) => unknown)(input);
    };
  return createFakeBridge({
    ...signedInHandlers(role),
    'oncall.schedules': () => [l1],
    'escalation.policies': () => [critical],
    'oncall.people': () => people,
    'oncall.who': () => ({
      at: NOW,
      timeZone: 'Asia/Dubai',
      schedules: [
        {
          scheduleId: 1,
          scheduleName: 'Platform L1',
          onCall: {
            username: 'chen',
            source: 'override',
            layer: null,
            overrideId: 7,
            since: '2026-11-26T04:00:00.000Z',
            until: '2026-11-26T14:00:00.000Z',
          },
          next: { username: 'amal', at: '2026-11-26T14:00:00.000Z' },
        },
      ],
    }),
    'oncall.shifts': record('oncall.shifts', shiftsFor) as Handlers['oncall.shifts'],
    ...extra,
  });
}

async function openOnCall() {
  fireEvent.click(await screen.findByTestId('nav-oncall'));
  return screen.findByTestId('oncall-page');
}

describe('on call now and this week', () => {
  it('shows who is on call by override, and the keyboard moves the calendar a week at a time', async () => {
    const asked: { channel: string; input: unknown }[] = [];
    renderApp(bridgeFor('incident_commander', {}, asked));
    await openOnCall();
    const card = await screen.findByTestId('oncall-now-card');
    expect(card.dataset.username).toBe('chen');
    expect(within(card).getByText('Override')).toBeTruthy();
    expect(within(card).getByTestId('oncall-now-next').textContent).toContain('Amal');

    const calendar = await screen.findByTestId('oncall-calendar');
    expect(calendar.dataset.week).toBe('2026-11-23');
    const shifts = await within(calendar).findAllByTestId('oncall-shift');
    const thursday = shifts.filter((s) => s.closest('td')?.dataset.date === '2026-11-26');
    expect(thursday.map((s) => [s.dataset.username, s.dataset.source])).toEqual([
      ['amal', 'rotation'],
      ['chen', 'override'],
      ['amal', 'rotation'],
    ]);
    expect(thursday.map((s) => s.querySelector('.oncall-shift-time')?.textContent)).toEqual([
      '00:00–08:00',
      '08:00–18:00',
      '18:00–24:00',
    ]);
    // Saturday is not covered by the weekday rotation.
    expect(
      shifts
        .filter((s) => s.closest('td')?.dataset.date === '2026-11-28')
        .map((s) => s.textContent),
    ).toEqual(['00:00–09:00 Amal']);

    fireEvent.keyDown(calendar, { key: 'ArrowRight' });
    await waitFor(() =>
      expect(screen.getByTestId('oncall-calendar').dataset.week).toBe('2026-11-30'),
    );
    expect(asked.at(-1)?.input).toEqual({
      from: '2026-11-29T20:00:00.000Z',
      to: '2026-12-06T20:00:00.000Z',
    });
    expect((await screen.findAllByTestId('oncall-shift'))[0]?.dataset.username).toBe('bilal');
    fireEvent.keyDown(screen.getByTestId('oncall-calendar'), { key: 'Home' });
    await waitFor(() =>
      expect(screen.getByTestId('oncall-calendar').dataset.week).toBe('2026-11-23'),
    );
    fireEvent.click(screen.getByTestId('oncall-week-prev'));
    await waitFor(() =>
      expect(screen.getByTestId('oncall-calendar').dataset.week).toBe('2026-11-16'),
    );
  });

  it('says so when there are no schedules yet', async () => {
    renderApp(
      bridgeFor('incident_commander', {
        'oncall.schedules': () => [],
        'oncall.who': () => ({ at: NOW, timeZone: 'Asia/Dubai', schedules: [] }),
      }),
    );
    await openOnCall();
    expect(await screen.findByTestId('oncall-empty')).toBeTruthy();
  });

  it('shows a failed load with a way to try again', async () => {
    renderApp(
      bridgeFor('incident_commander', { 'oncall.who': () => apiError('INTERNAL', 'boom') }),
    );
    await openOnCall();
    expect(await screen.findByTestId('oncall-now-error')).toBeTruthy();
  });
});

describe('editing the rota', () => {
  it('builds a schedule: participants in turn order, daily turns, a Sunday-to-Thursday week', async () => {
    const saved: ChannelInput<'oncall.saveSchedule'>[] = [];
    renderApp(
      bridgeFor('incident_commander', {
        'oncall.saveSchedule': (input) => {
          saved.push(input);
          return { ...l1, id: 2, name: input.spec.name };
        },
      }),
    );
    await openOnCall();
    fireEvent.click(screen.getByTestId('oncall-tab-schedules'));
    fireEvent.click(await screen.findByTestId('oncall-schedule-create'));
    const editor = await screen.findByTestId('oncall-schedule-editor');

    fireEvent.click(within(editor).getByTestId('oncall-schedule-save'));
    expect(within(editor).getByText('Give the schedule a name.')).toBeTruthy();
    expect(within(editor).getByText('Add at least one participant.')).toBeTruthy();
    expect(saved).toEqual([]);

    fireEvent.change(within(editor).getByTestId('oncall-schedule-name'), {
      target: { value: 'ML engineers' },
    });
    for (const username of ['chen', 'bilal']) {
      fireEvent.change(within(editor).getByTestId('oncall-participant-choice'), {
        target: { value: username },
      });
      fireEvent.click(within(editor).getByTestId('oncall-participant-add'));
    }
    fireEvent.click(within(editor).getByRole('button', { name: 'Move Bilal earlier' }));
    fireEvent.change(within(editor).getByTestId('oncall-turn-unit'), { target: { value: 'day' } });
    fireEvent.change(within(editor).getByTestId('oncall-handoff'), { target: { value: '08:30' } });
    fireEvent.click(within(editor).getByTestId('oncall-preset-sun_thu'));
    fireEvent.click(within(editor).getByTestId('oncall-schedule-save'));

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({
      spec: {
        name: 'ML engineers',
        description: '',
        layers: [
          {
            name: '',
            participants: ['bilal', 'chen'],
            turn: { unit: 'day', count: 1 },
            handoffTime: '08:30',
            startDate: '2026-11-23',
            days: ['mon', 'tue', 'wed', 'thu', 'sun'],
          },
        ],
      },
    });
    await waitFor(() => expect(screen.queryByTestId('oncall-schedule-editor')).toBeNull());
  });

  it('shows the console’s refusal in the editor', async () => {
    renderApp(
      bridgeFor('incident_commander', {
        'oncall.saveSchedule': () =>
          apiError(
            'BAD_REQUEST',
            'Rotation 1 (Weekdays): the operator "bilal" is disabled and cannot be paged.',
          ),
      }),
    );
    await openOnCall();
    fireEvent.click(screen.getByTestId('oncall-tab-schedules'));
    fireEvent.click(await screen.findByTestId('oncall-schedule-edit'));
    const editor = await screen.findByTestId('oncall-schedule-editor');
    fireEvent.click(within(editor).getByTestId('oncall-schedule-save'));
    expect((await within(editor).findByTestId('oncall-schedule-error')).textContent).toContain(
      'the operator "bilal" is disabled',
    );
  });

  it('refuses an override that ends before it starts, then sends site times as UTC', async () => {
    const added: ChannelInput<'oncall.addOverride'>[] = [];
    renderApp(
      bridgeFor('incident_commander', {
        'oncall.addOverride': (input) => (added.push(input), l1),
      }),
    );
    await openOnCall();
    fireEvent.click(screen.getByTestId('oncall-tab-schedules'));
    fireEvent.click(await screen.findByTestId('oncall-override-add'));
    const dialog = await screen.findByTestId('oncall-override-dialog');
    fireEvent.change(within(dialog).getByTestId('oncall-override-person'), {
      target: { value: 'lead' },
    });
    fireEvent.change(within(dialog).getByTestId('oncall-override-starts'), {
      target: { value: '2026-11-27T18:00' },
    });
    fireEvent.change(within(dialog).getByTestId('oncall-override-ends'), {
      target: { value: '2026-11-27T09:00' },
    });
    fireEvent.click(within(dialog).getByTestId('oncall-override-save'));
    expect(within(dialog).getByText('The override must end after it starts.')).toBeTruthy();
    expect(added).toEqual([]);

    fireEvent.change(within(dialog).getByTestId('oncall-override-ends'), {
      target: { value: '2026-11-28T09:00' },
    });
    fireEvent.click(within(dialog).getByTestId('oncall-override-save'));
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toEqual({
      scheduleId: 1,
      username: 'lead',
      startsAt: '2026-11-27T14:00:00.000Z',
      endsAt: '2026-11-28T05:00:00.000Z',
      reason: '',
    });
  });

  it('edits a policy: tiers with targets and timeouts, repeats, and a preview of when each pages', async () => {
    const saved: ChannelInput<'escalation.savePolicy'>[] = [];
    renderApp(
      bridgeFor('incident_commander', {
        'escalation.savePolicy': (input) => (saved.push(input), critical),
      }),
    );
    await openOnCall();
    fireEvent.click(screen.getByTestId('oncall-tab-policies'));
    const policy = await screen.findByTestId('oncall-policy');
    expect(
      within(policy)
        .getAllByTestId('oncall-policy-tier')
        .map((t) => t.textContent),
    ).toEqual([
      'L1 operator First responders on call for Platform L1 · next tier after 15 min',
      'L3 platform lead Hierarchical (to a lead) Lead · waits 30 min before the chain repeats',
    ]);
    fireEvent.click(within(policy).getByTestId('oncall-policy-edit'));
    const editor = await screen.findByTestId('oncall-policy-editor');
    fireEvent.click(within(editor).getByTestId('oncall-tier-add'));
    const tiers = within(editor).getAllByTestId('oncall-tier');
    fireEvent.click(within(editor).getByTestId('oncall-policy-save'));
    expect(
      within(tiers[2]!).getByText('A tier must page someone: add a schedule or an operator.'),
    ).toBeTruthy();
    fireEvent.change(within(tiers[2]!).getByTestId('oncall-tier-target-choice'), {
      target: { value: 'operator:chen' },
    });
    fireEvent.click(within(tiers[2]!).getByTestId('oncall-tier-target-add'));
    fireEvent.change(within(tiers[2]!).getByTestId('oncall-tier-timeout'), {
      target: { value: '20' },
    });
    fireEvent.click(within(tiers[2]!).getByRole('button', { name: 'Move tier 3 earlier' }));
    fireEvent.change(within(editor).getByTestId('oncall-policy-repeat'), {
      target: { value: '0' },
    });
    expect(within(editor).getByTestId('oncall-policy-preview').textContent).toBe(
      'tier 1 at once · tier 2 after 15 min · tier 3 after 35 min',
    );
    fireEvent.click(within(editor).getByTestId('oncall-policy-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.id).toBe(3);
    expect(saved[0]?.spec.repeat).toBe(0);
    expect(saved[0]?.spec.tiers.map((t) => [t.kind, t.targets, t.timeoutMinutes])).toEqual([
      ['first_line', [{ type: 'schedule', scheduleId: 1 }], 15],
      ['functional', [{ type: 'operator', username: 'chen' }], 20],
      ['hierarchical', [{ type: 'operator', username: 'lead' }], 30],
    ]);
  });
});

describe('roles and languages', () => {
  it('a viewer sees the rota and the policies but nothing to change them with', async () => {
    renderApp(bridgeFor('viewer'));
    await openOnCall();
    expect(screen.getByTestId('oncall-read-only')).toBeTruthy();
    fireEvent.click(screen.getByTestId('oncall-tab-schedules'));
    expect(await screen.findByTestId('oncall-schedule')).toBeTruthy();
    expect(screen.queryByTestId('oncall-schedule-create')).toBeNull();
    expect(screen.queryByTestId('oncall-schedule-edit')).toBeNull();
    expect(screen.queryByTestId('oncall-override-add')).toBeNull();
    expect(screen.queryByTestId('oncall-override-remove')).toBeNull();
    fireEvent.click(screen.getByTestId('oncall-tab-policies'));
    expect(await screen.findByTestId('oncall-policy')).toBeTruthy();
    expect(screen.queryByTestId('oncall-policy-create')).toBeNull();
    expect(screen.queryByTestId('oncall-policy-edit')).toBeNull();
  });

  it('reads right to left in Arabic', async () => {
    renderApp(bridgeFor('incident_commander'), memoryPreferences({ 'mirqab.language': 'ar' }));
    fireEvent.click(await screen.findByTestId('nav-oncall'));
    await screen.findByTestId('oncall-page');
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('المناوبة');
    expect(screen.getByTestId('oncall-tab-now').textContent).toBe('الآن وهذا الأسبوع');
    expect(within(await screen.findByTestId('oncall-now-card')).getByText('استبدال')).toBeTruthy();
  });
});

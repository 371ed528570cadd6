// The Postmortems page around a fake bridge: the editor's live preview against XSS payloads in a
// real DOM, saving, reviewing, the open action items with overdue ones highlighted, the incident's
// "postmortem required" panel, read-only roles, and Arabic.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles.ts';
import { emptySections } from '../../shared/domain/postmortems/template.ts';
import type { ActionItem, ChannelInput, PostmortemDetail } from '../../shared/ipc/contract.ts';
import { memoryPreferences } from '../../renderer/store/preferences.ts';
import { createFakeBridge, signedInHandlers, type Handlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';
import { countsOf, detail, incident } from './incidentFixtures.ts';

const XSS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><circle r="4"/></svg>',
  '[click me](javascript:window.__pwned=4) [encoded](jav&#x61;script:alert(5))',
  '![remote](https://203.0.113.9/pixel.png) ![svg](data:image/svg+xml;base64,PHN2Zz4=)',
  '<iframe src="https://203.0.113.9/"></iframe>',
  '**bold** and [the runbook](#rollback)',
].join('\n\n');

const item = (over: Partial<ActionItem>): ActionItem => ({
  id: 1,
  postmortemId: 4,
  postmortemTitle: 'Postmortem: Fraud model accuracy dropped',
  incidentId: 12,
  title: 'Gate deploys on shadow accuracy',
  owner: 'omar',
  dueDate: '2026-11-20',
  status: 'open',
  isOverdue: true,
  createdAt: '2026-11-20T06:00:00.000Z',
  updatedAt: '2026-11-20T06:00:00.000Z',
  ...over,
});

function postmortem(over: Partial<PostmortemDetail> = {}): PostmortemDetail {
  return {
    id: 4,
    incidentId: 12,
    incidentTitle: 'Fraud model accuracy dropped',
    incidentPriority: 'P1',
    title: 'Postmortem: Fraud model accuracy dropped',
    state: 'draft',
    revision: 1,
    author: 'operator',
    createdAt: '2026-11-26T06:00:00.000Z',
    updatedAt: '2026-11-26T06:00:00.000Z',
    publishedAt: null,
    reviewerCount: 1,
    approvedCount: 0,
    openActionItems: 1,
    sections: { ...emptySections(), summary: 'Accuracy fell to 71 %.', rootCauses: XSS },
    publishedBy: null,
    service: 'fraud-detector',
    model: 'fraud-detector',
    modelVersion: 'v2.3.1',
    chartFrom: '2026-11-26T05:00:00.000Z',
    chartTo: '2026-11-26T07:00:00.000Z',
    incidentOpenedAt: '2026-11-26T05:30:00.000Z',
    incidentResolvedAt: '2026-11-26T06:30:00.000Z',
    charts: [],
    reviewers: [{ username: 'omar', decision: 'pending', comment: null, decidedAt: null }],
    comments: [],
    actionItems: [item({})],
    ...over,
  };
}

function bridgeFor(role: Role, pm: PostmortemDetail, extra: Handlers = {}) {
  return createFakeBridge({
    ...signedInHandlers(role),
    'postmortems.list': () => [pm],
    'postmortems.get': () => pm,
    'postmortems.policy': () => ({ budgetThresholdPercent: 20 }),
    'postmortems.actionItems': () => [
      item({}),
      item({ id: 2, title: 'Alert on null features', dueDate: '2026-12-10', isOverdue: false }),
    ],
    ...extra,
  });
}

async function openEditor() {
  fireEvent.click(await screen.findByTestId('nav-postmortems'));
  const row = await screen.findByTestId('pm-row');
  fireEvent.click(within(row).getByRole('button'));
  return screen.findByTestId('pm-editor');
}

/** Nothing in the page may run script, handle events, draw SVG or load from the network. */
function expectInert(root: HTMLElement) {
  expect(root.querySelectorAll('script, iframe, svg, object, embed, style').length).toBe(0);
  for (const el of root.querySelectorAll('*'))
    for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
  for (const a of root.querySelectorAll('a'))
    expect(a.getAttribute('href') ?? '').toMatch(/^(#|mailto:|[^:]*$)/);
  for (const img of root.querySelectorAll('img'))
    expect(img.getAttribute('src') ?? '').toMatch(/^data:image\/(png|gif|jpeg|webp);base64,/);
  expect((window as { __pwned?: number }).__pwned).toBeUndefined();
}

describe('postmortem editor', () => {
  it('previews Markdown sanitised: XSS payloads stay text, safe Markdown renders, as the author types', async () => {
    const saved: ChannelInput<'postmortems.update'>[] = [];
    renderApp(
      bridgeFor('operator', postmortem(), {
        'postmortems.update': (input) => {
          saved.push(input);
          return postmortem({ sections: { ...postmortem().sections, ...input.sections } });
        },
      }),
    );
    await openEditor();
    const section = screen.getByTestId('pm-section-rootCauses');
    const preview = within(section).getByTestId('markdown-preview');
    expectInert(preview);
    expect(preview.textContent).toContain('<script>window.__pwned = 1</script>');
    expect(preview.querySelector('strong')?.textContent).toBe('bold');
    expect(preview.querySelector('a')?.getAttribute('href')).toBe('#rollback');
    expect(preview.textContent).toContain('[remote]');

    const input = screen.getByTestId('pm-input-trigger');
    fireEvent.change(input, {
      target: { value: '<a href="javascript:alert(1)">x</a> <b onmouseover=alert(1)>hi</b>' },
    });
    const triggerPreview = within(screen.getByTestId('pm-section-trigger')).getByTestId(
      'markdown-preview',
    );
    expectInert(triggerPreview);
    expect(triggerPreview.querySelector('a, b')).toBeNull();

    fireEvent.click(screen.getByTestId('pm-save'));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.id).toBe(4);
    expect(saved[0]?.sections?.trigger).toContain('<a href="javascript:alert(1)">');
    expectInert(document.body);
  });

  it('a named reviewer approves; a viewer only reads', async () => {
    const reviewed: ChannelInput<'postmortems.review'>[] = [];
    const inReview = postmortem({
      state: 'in_review',
      reviewers: [
        { username: 'incident.commander', decision: 'pending', comment: null, decidedAt: null },
      ],
    });
    renderApp(
      bridgeFor('incident_commander', inReview, {
        'postmortems.review': (input) => {
          reviewed.push(input);
          return inReview;
        },
      }),
    );
    await openEditor();
    expect(screen.getByTestId('pm-read-only').textContent).toMatch(/In review/);
    expect(screen.queryByTestId('pm-input-summary')).toBeNull();
    fireEvent.click(within(screen.getByTestId('pm-decide')).getByText('Approve'));
    await waitFor(() => expect(reviewed).toEqual([{ id: 4, decision: 'approve', comment: '' }]));
  });

  it('viewers read a postmortem without editing, reviewing or adding action items', async () => {
    renderApp(bridgeFor('viewer', postmortem()));
    await openEditor();
    expect(screen.getByTestId('pm-read-only').textContent).toMatch(/may read postmortems/);
    expect(screen.queryByTestId('pm-input-summary')).toBeNull();
    expect(screen.queryByTestId('pm-add-item')).toBeNull();
    expect(screen.queryByTestId('pm-workflow')).toBeNull();
  });
});

describe('open action items', () => {
  it('lists them across postmortems, the overdue one highlighted', async () => {
    renderApp(bridgeFor('operator', postmortem()));
    fireEvent.click(await screen.findByTestId('nav-postmortems'));
    fireEvent.click(await screen.findByTestId('pm-tab-items'));
    const list = await screen.findByTestId('pm-open-items');
    const rows = await within(list).findAllByTestId('pm-action-item');
    expect(rows.map((r) => [r.textContent?.includes('Overdue'), r.dataset.overdue])).toEqual([
      [true, 'true'],
      [false, 'false'],
    ]);
  });

  it('in Arabic, right to left', async () => {
    const prefs = memoryPreferences();
    prefs.set('mirqab.language', 'ar');
    renderApp(bridgeFor('operator', postmortem()), prefs);
    fireEvent.click(await screen.findByTestId('nav-postmortems'));
    fireEvent.click(await screen.findByTestId('pm-tab-items'));
    await screen.findByTestId('pm-open-items');
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getAllByText('متأخر').length).toBeGreaterThan(0);
  });
});

describe('the incident view', () => {
  it('says a P1 incident needs a postmortem, creates it and opens the editor', async () => {
    const created: number[] = [];
    const p1 = incident(12, { impact: 'high', urgency: 'high', state: 'in_progress' });
    renderApp(
      bridgeFor('operator', postmortem(), {
        'incidents.list': () => ({ items: [p1], total: 1 }),
        'incidents.counts': () => countsOf([p1]),
        'incidents.get': () => detail(p1),
        'postmortems.forIncident': ({ incidentId }) => ({
          incidentId,
          postmortemId: created.length > 0 ? 4 : null,
          state: created.length > 0 ? 'draft' : null,
          reasons: ['priority'],
          budgetConsumed: 0.42,
        }),
        'postmortems.create': ({ incidentId }) => {
          created.push(incidentId);
          return postmortem();
        },
      }),
    );
    fireEvent.click(await screen.findByTestId('nav-incidents'));
    const row = (await screen.findAllByTestId('incident-row')).find(
      (r) => r.dataset.incidentId === '12',
    );
    fireEvent.click(row!);
    const panel = await screen.findByTestId('incident-postmortem');
    expect(panel.dataset.required).toBe('true');
    expect(panel.textContent).toContain('Postmortem required');
    expect(panel.textContent).toContain('required for P1 and P2 incidents');
    fireEvent.click(within(panel).getByTestId('incident-postmortem-create'));
    await waitFor(() => expect(created).toEqual([12]));
    expect((await screen.findByTestId('pm-editor')).dataset.state).toBe('draft');
  });
});

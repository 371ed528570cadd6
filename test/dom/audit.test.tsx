import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/ipc/contract.ts';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

const XSS = '<img src=x onerror=alert(1)>';

const entry = (seq: number, patch: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  ts: '2025-03-04T10:05:09.123Z',
  actor: 'admin',
  role: 'admin',
  action: 'operators.create',
  target: 'operator:vera',
  outcome: 'success',
  details: {},
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...patch,
});

describe('audit log', () => {
  it('shows text from the backend literally, never as markup', async () => {
    const entries = [
      entry(2, { actor: XSS, target: XSS, details: { displayName: XSS } }),
      entry(1, { action: 'auth.signIn', outcome: 'denied' }),
    ];
    const bridge = createFakeBridge({
      ...signedInHandlers('auditor'),
      'audit.list': () => ({ entries, total: entries.length }),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-audit'));

    const rows = await screen.findAllByTestId('audit-row');
    expect(rows.map((row) => row.dataset.seq)).toEqual(['2', '1']);
    expect(rows[1]?.dataset.outcome).toBe('denied');
    expect(within(rows[0]!).getAllByText(XSS)).toHaveLength(2);
    // Shown in the site's zone (Asia/Dubai, UTC+4), not in UTC.
    expect(within(rows[0]!).getByText('2025-03-04 14:05:09')).toBeTruthy();

    fireEvent.click(rows[0]!);
    const details = await screen.findByTestId('audit-details');
    expect(details.textContent).toContain(JSON.stringify({ displayName: XSS }, null, 2));
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows the verification verdict with the first broken entry', async () => {
    const bridge = createFakeBridge({
      ...signedInHandlers('auditor'),
      'audit.list': () => ({ entries: [entry(1)], total: 1 }),
      'audit.verify': () => ({
        ok: false,
        count: 1,
        headHash: 'c'.repeat(64),
        firstBad: { seq: 1, reason: 'hash mismatch' },
        checkpoint: null,
        checkedAt: '2025-03-04T10:00:00.000Z',
      }),
    });
    renderApp(bridge);
    fireEvent.click(await screen.findByTestId('nav-audit'));
    fireEvent.click(await screen.findByTestId('audit-verify'));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result.dataset.ok).toBe('false');
    expect(result.textContent).toContain('The chain breaks at entry #1: hash mismatch');
  });
});

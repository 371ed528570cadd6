import { fireEvent, screen } from '@testing-library/react';
import { it } from 'vitest';
import { createFakeBridge, signedInHandlers } from './fakeBridge.ts';
import { renderApp } from './harness.tsx';

it('debug', async () => {
  const bridge = createFakeBridge({
    ...signedInHandlers('auditor'),
    'audit.list': () => ({ entries: [{ seq: 1, ts: '2025-03-04T10:05:09.123Z', actor: 'a', role: 'admin', action: 'x', target: 't', outcome: 'success', details: {}, prevHash: 'a', hash: 'b' }], total: 1 }),
  });
  renderApp(bridge);
  fireEvent.click(await screen.findByTestId('nav-audit'));
  const table = await screen.findByTestId('audit-table');
  await new Promise((r) => setTimeout(r, 200));
  process.stdout.write(table.outerHTML + '\n' + JSON.stringify(bridge.calls) + '\n');
});

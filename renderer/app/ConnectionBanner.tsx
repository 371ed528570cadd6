// Says, above every screen, that the web host's socket dropped and is being tried again; after a few
// unanswered tries, what the operator can do about it. Gone as soon as the socket is back.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SocketState, WebSocketBridge } from '../api/bridge.ts';
import { Button } from '../ui/Button.tsx';
import '../styles/console.css';

/** Tries before the banner stops saying "reconnecting" and says what to check (about 8 s in). */
const QUIET_TRIES = 4;

export function ConnectionBanner({
  connection,
}: {
  connection: Pick<WebSocketBridge, 'onConnectionChange' | 'retryNow'>;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<SocketState>({ kind: 'connecting' });
  useEffect(() => connection.onConnectionChange(setState), [connection]);
  if (state.kind !== 'reconnecting') return null;
  const isStuck = state.attempt >= QUIET_TRIES;
  return (
    <div
      className={`connection-banner notice ${isStuck ? 'notice-error' : 'notice-warning'}`}
      role="status"
      data-testid="connection-banner"
      data-attempt={state.attempt}
    >
      <span>
        {isStuck
          ? t('console.connection.unreachable', { attempt: state.attempt })
          : t('console.connection.reconnecting')}
      </span>
      {isStuck && (
        <Button size="sm" onClick={() => connection.retryNow()} data-testid="connection-retry">
          {t('console.connection.retryNow')}
        </Button>
      )}
    </div>
  );
}

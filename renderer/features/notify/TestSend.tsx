// Sends one test through a channel with the saved settings, and says at once whether it arrived.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, NotifyChannel } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import * as rules from './notifyRules.ts';

export function TestSend() {
  const { t } = useTranslation();
  const send = useAppStore((s) => s.sendTestNotification);
  const { busy, error, submit } = useSubmission();
  const [to, setTo] = useState('');
  const [channel, setChannel] = useState<NotifyChannel | null>(null);
  const [result, setResult] = useState<Delivery | null>(null);
  const problem = rules.optionalEmail(to);

  const run = (which: NotifyChannel) => {
    setChannel(which);
    setResult(null);
    submit(() => send(which, which === 'smtp' && to.trim() ? to.trim() : undefined), {
      onDone: setResult,
    });
  };

  return (
    <section className="form-section form-section-card" data-testid="notify-test">
      <h3 className="form-card-title">{t('notify.test.title')}</h3>
      <p className="form-note">{t('notify.test.hint')}</p>
      <TextField
        type="email"
        label={t('notify.test.to')}
        hint={t('notify.test.toHint')}
        value={to}
        dir="ltr"
        onChange={(e) => setTo(e.target.value)}
        error={problem && t(problem)}
        data-testid="notify-test-to"
      />
      <div className="form-actions">
        <Button
          busy={busy && channel === 'smtp'}
          disabled={busy || problem !== null}
          onClick={() => run('smtp')}
          data-testid="notify-test-smtp"
        >
          {t('notify.test.mail')}
        </Button>
        <Button
          busy={busy && channel === 'webhook'}
          disabled={busy}
          onClick={() => run('webhook')}
          data-testid="notify-test-webhook"
        >
          {t('notify.test.chat')}
        </Button>
      </div>
      {error && <ErrorNotice error={error} />}
      {result && (
        <p
          role="status"
          className={result.state === 'sent' ? 'notice' : 'notice notice-error'}
          data-testid="notify-test-result"
          data-state={result.state}
        >
          {result.state === 'sent'
            ? t('notify.test.sent')
            : t('notify.test.failed', { error: result.lastError ?? '' })}
        </p>
      )}
    </section>
  );
}

// The site's SMTP relay and chat webhook (notify.manage). Saved secrets are never shown: a blank
// field keeps them, a checkbox removes them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, NotifySettings, SmtpSecurity } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import * as rules from './notifyRules.ts';

type SaveInput = ChannelInput<'notify.saveSettings'>;

/** A secret field's value for the save: removed, replaced, or (absent) kept. */
const secretChange = (isRemoved: boolean, typed: string) =>
  isRemoved ? null : typed ? typed : undefined;

export function ChannelsForm({ settings }: { settings: NotifySettings }) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.saveNotifySettings);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const { smtp, webhook, retry } = settings;
  const [smtpOn, setSmtpOn] = useState(smtp.enabled);
  const [host, setHost] = useState(smtp.host);
  const [port, setPort] = useState(String(smtp.port));
  const [security, setSecurity] = useState<SmtpSecurity>(smtp.security);
  const [verifyCertificate, setVerifyCertificate] = useState(smtp.verifyCertificate);
  const [username, setUsername] = useState(smtp.username ?? '');
  const [password, setPassword] = useState('');
  const [isPasswordRemoved, setPasswordRemoved] = useState(false);
  const [from, setFrom] = useState(smtp.from);
  const [webhookOn, setWebhookOn] = useState(webhook.enabled);
  const [url, setUrl] = useState(webhook.url);
  const [headerName, setHeaderName] = useState(webhook.headerName ?? '');
  const [secret, setSecret] = useState('');
  const [isSecretRemoved, setSecretRemoved] = useState(false);

  const problems = {
    host: rules.host(host, smtpOn),
    port: rules.port(port),
    from: rules.fromAddress(from, smtpOn),
    url: rules.webhookUrl(url, webhookOn),
    headerName: rules.headerName(headerName),
  };
  const invalid = Object.values(problems).some(Boolean);
  const problem = (key: keyof typeof problems) => problems[key] && t(problems[key]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    const passwordChange = secretChange(isPasswordRemoved, password);
    const webhookSecretChange = secretChange(isSecretRemoved, secret);
    const input: SaveInput = {
      smtp: {
        enabled: smtpOn,
        host: host.trim(),
        port: Number(port),
        security,
        verifyCertificate,
        username: username.trim() || null,
        from: from.trim(),
        ...(passwordChange !== undefined ? { password: passwordChange } : {}),
      },
      webhook: {
        enabled: webhookOn,
        url: url.trim(),
        headerName: headerName.trim() || null,
        ...(webhookSecretChange !== undefined ? { secret: webhookSecretChange } : {}),
      },
    };
    submit(() => save(input), { onDone: () => toast('success', t('notify.channels.saved')) });
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="notify-channels">
      <div className="notify-channels">
        <fieldset className="form-section form-section-card" data-testid="notify-smtp">
          <legend>{t('notify.smtp.title')}</legend>
          <Checkbox
            label={t('notify.smtp.enabled')}
            checked={smtpOn}
            onChange={(e) => setSmtpOn(e.target.checked)}
            data-testid="notify-smtp-enabled"
          />
          <div className="form-row">
            <TextField
              label={t('notify.smtp.host')}
              value={host}
              dir="ltr"
              onChange={(e) => setHost(e.target.value)}
              error={problem('host')}
              data-testid="notify-smtp-host"
            />
            <TextField
              type="number"
              min={1}
              max={65_535}
              label={t('notify.smtp.port')}
              value={port}
              dir="ltr"
              onChange={(e) => setPort(e.target.value)}
              error={problem('port')}
              data-testid="notify-smtp-port"
            />
          </div>
          <SelectField
            label={t('notify.smtp.security')}
            value={security}
            onChange={(e) => setSecurity(e.target.value as SmtpSecurity)}
            data-testid="notify-smtp-security"
          >
            <option value="tls">{t('notify.smtp.securityTls')}</option>
            <option value="starttls">{t('notify.smtp.securityStarttls')}</option>
            <option value="none">{t('notify.smtp.securityNone')}</option>
          </SelectField>
          {security !== 'none' && (
            <Checkbox
              label={t('notify.smtp.verifyCertificate')}
              checked={verifyCertificate}
              onChange={(e) => setVerifyCertificate(e.target.checked)}
            />
          )}
          <TextField
            label={t('notify.smtp.from')}
            value={from}
            dir="ltr"
            type="email"
            onChange={(e) => setFrom(e.target.value)}
            error={problem('from')}
            data-testid="notify-smtp-from"
          />
          <TextField
            label={t('notify.smtp.username')}
            value={username}
            dir="ltr"
            autoComplete="off"
            onChange={(e) => setUsername(e.target.value)}
            data-testid="notify-smtp-username"
          />
          <TextField
            type="password"
            label={t('notify.smtp.password')}
            hint={smtp.hasPassword ? t('notify.smtp.passwordSaved') : t('notify.smtp.passwordNone')}
            value={password}
            autoComplete="new-password"
            disabled={isPasswordRemoved}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="notify-smtp-password"
          />
          {smtp.hasPassword && (
            <Checkbox
              label={t('notify.smtp.removePassword')}
              checked={isPasswordRemoved}
              onChange={(e) => setPasswordRemoved(e.target.checked)}
            />
          )}
        </fieldset>
        <fieldset className="form-section form-section-card" data-testid="notify-webhook">
          <legend>{t('notify.webhook.title')}</legend>
          <p className="form-note">{t('notify.webhook.hint')}</p>
          <Checkbox
            label={t('notify.webhook.enabled')}
            checked={webhookOn}
            onChange={(e) => setWebhookOn(e.target.checked)}
            data-testid="notify-webhook-enabled"
          />
          <TextField
            label={t('notify.webhook.url')}
            value={url}
            dir="ltr"
            type="url"
            onChange={(e) => setUrl(e.target.value)}
            error={problem('url')}
            data-testid="notify-webhook-url"
          />
          <TextField
            label={t('notify.webhook.headerName')}
            value={headerName}
            dir="ltr"
            onChange={(e) => setHeaderName(e.target.value)}
            error={problem('headerName')}
            data-testid="notify-webhook-header"
          />
          <TextField
            type="password"
            label={t('notify.webhook.secret')}
            hint={
              webhook.hasSecret ? t('notify.webhook.secretSaved') : t('notify.webhook.secretNone')
            }
            value={secret}
            autoComplete="new-password"
            disabled={isSecretRemoved}
            onChange={(e) => setSecret(e.target.value)}
            data-testid="notify-webhook-secret"
          />
          {webhook.hasSecret && (
            <Checkbox
              label={t('notify.webhook.removeSecret')}
              checked={isSecretRemoved}
              onChange={(e) => setSecretRemoved(e.target.checked)}
            />
          )}
        </fieldset>
      </div>
      <p className="form-note" data-testid="notify-retry-policy">
        {t('notify.channels.retryPolicy', {
          first: rules.durationText(retry.firstDelayMs, t),
          max: rules.durationText(retry.maxDelayMs, t),
          attempts: retry.maxAttempts,
        })}
      </p>
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={invalid}
          data-testid="notify-save"
        >
          {t('notify.channels.save')}
        </Button>
      </div>
    </form>
  );
}

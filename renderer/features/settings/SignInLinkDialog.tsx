// Sessions → "Issue a sign-in link": a new one-time link for another browser, shown once with a copy
// button (browser console only; the issue is audited, the link itself is never stored).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { formatTime } from '../../i18n/format.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import '../../styles/accounts.css';

interface IssuedLink {
  url: string;
  expiresAt: string;
}

/** The Sessions tab's button: issues a link on click (one per click) and shows it once. */
export function IssueSignInLinkButton() {
  const { t } = useTranslation();
  const issue = useAppStore((s) => s.issueSignInLink);
  const [link, setLink] = useState<IssuedLink | null>(null);
  const { busy, error, submit } = useSubmission();
  return (
    <>
      <Button
        size="sm"
        busy={busy}
        onClick={() => submit(issue, { onDone: setLink })}
        data-testid="signin-link-issue"
      >
        {t('accounts.links.action')}
      </Button>
      {error && <ErrorNotice error={error} />}
      {link && <SignInLinkDialog link={link} onClose={() => setLink(null)} />}
    </>
  );
}

function SignInLinkDialog({
  link,
  onClose,
  copy = (text) => navigator.clipboard.writeText(text),
}: {
  link: IssuedLink;
  onClose: () => void;
  copy?: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const language = useAppStore((s) => s.language);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  const onCopy = () => {
    copy(link.url).then(
      () => setCopyState('copied'),
      () => setCopyState('failed'),
    );
  };

  return (
    <Dialog title={t('accounts.links.title')} onClose={onClose} testId="signin-link-dialog">
      <p className="form-note">{t('accounts.links.note')}</p>
      <div className="signin-link-box">
        <input
          className="input"
          readOnly
          dir="ltr"
          value={link.url}
          aria-label={t('accounts.links.title')}
          onFocus={(e) => e.target.select()}
          data-testid="signin-link-url"
        />
        <Button size="sm" onClick={onCopy} data-testid="signin-link-copy">
          {copyState === 'copied' ? t('accounts.links.copied') : t('accounts.links.copy')}
        </Button>
      </div>
      <p className="field-hint">
        {t('accounts.links.until', {
          time: formatTime(link.expiresAt, timeZone, language),
        })}
      </p>
      {copyState === 'failed' && (
        <p className="field-error" role="alert">
          {t('accounts.links.copyFailed')}
        </p>
      )}
      <div className="form-actions">
        <Button variant="primary" onClick={onClose} data-testid="signin-link-done">
          {t('common.close')}
        </Button>
      </div>
    </Dialog>
  );
}

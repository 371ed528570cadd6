// Shows a recovery key once (after setup or key rotation) and will not continue until the
// operator confirms it is saved: it is the only way into the store if the passphrase is lost.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { Checkbox } from './Field.tsx';
import { useLeaveGuard } from './useLeaveGuard.ts';

/** 64 hex characters read far more reliably in groups of four. */
export const groupKey = (key: string): string[] => key.match(/.{1,4}/g) ?? [];

export function RecoveryKeyNotice({
  recoveryKey,
  onContinue,
  copy = (text) => navigator.clipboard.writeText(text),
}: {
  recoveryKey: string;
  onContinue: () => void;
  copy?: (text: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  // Leaving before the key is saved loses it for good: the browser asks first.
  useLeaveGuard(!saved);

  const onCopy = () => {
    copy(recoveryKey).then(
      () => setCopyState('copied'),
      () => setCopyState('failed'),
    );
  };

  return (
    <div className="recovery">
      <p>{t('recovery.explain')}</p>
      <p className="recovery-warning">{t('recovery.once')}</p>
      <div className="recovery-key-box">
        <code className="recovery-key" data-testid="recovery-key" data-key={recoveryKey} dir="ltr">
          {groupKey(recoveryKey).map((group, index) => (
            <span key={index} className="recovery-group">
              {group}
            </span>
          ))}
        </code>
        <Button size="sm" onClick={onCopy}>
          {copyState === 'copied' ? t('recovery.copied') : t('recovery.copy')}
        </Button>
      </div>
      {copyState === 'failed' && (
        <p className="field-error" role="alert">
          {t('recovery.copyFailed')}
        </p>
      )}
      <Checkbox
        label={t('recovery.saved')}
        checked={saved}
        onChange={(event) => setSaved(event.target.checked)}
        data-testid="recovery-saved"
      />
      <div className="form-actions">
        <Button
          variant="primary"
          disabled={!saved}
          onClick={onContinue}
          data-testid="recovery-continue"
        >
          {t('common.continue')}
        </Button>
      </div>
    </div>
  );
}

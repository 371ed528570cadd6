// The site's rule for when an incident needs a postmortem: P1/P2 always, else more than this share
// of an error budget. Admins (settings.manage) change the share; everyone else reads it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';

export function PolicyPanel() {
  const { t } = useTranslation();
  const policy = useAppStore((s) => s.postmortemPolicy);
  const load = useAppStore((s) => s.loadPostmortemPolicy);
  const save = useAppStore((s) => s.savePostmortemPolicy);
  const toast = useAppStore((s) => s.pushToast);
  const canManage = useAppStore(selectCan('settings.manage'));
  const [value, setValue] = useState<string | null>(null);
  const { busy, error, submit } = useSubmission();
  useEffect(() => {
    void load();
  }, [load]);
  const current = policy.data?.budgetThresholdPercent;
  if (current === undefined) return null;
  return (
    <section className="card" aria-label={t('postmortems.policy.title')} data-testid="pm-policy">
      <h2 className="card-title">{t('postmortems.policy.title')}</h2>
      <div className="card-body pm-stack">
        <p className="muted">{t('postmortems.policy.intro')}</p>
        {canManage ? (
          <form
            className="pm-inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit(() => save({ budgetThresholdPercent: Number(value ?? current) }), {
                onDone: () => toast('success', t('postmortems.policy.saved')),
              });
            }}
          >
            {error && <ErrorNotice error={error} testId="pm-policy-error" />}
            <TextField
              label={t('postmortems.policy.threshold')}
              type="number"
              min={0.1}
              max={100}
              step={0.1}
              value={value ?? String(current)}
              onChange={(e) => setValue(e.target.value)}
              dir="ltr"
            />
            <Button type="submit" size="sm" busy={busy}>
              {t('postmortems.policy.save')}
            </Button>
          </form>
        ) : (
          <p className="mono" dir="ltr">
            {current} %
          </p>
        )}
      </div>
    </section>
  );
}

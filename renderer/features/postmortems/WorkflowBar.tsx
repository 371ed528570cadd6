// What may happen next to a postmortem: submit a draft, publish once every reviewer approved,
// reopen a published one as a new revision (with a reason).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostmortemDetail } from '../../../shared/ipc/postmortemSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';

export function WorkflowBar({ pm, isDirty }: { pm: PostmortemDetail; isDirty: boolean }) {
  const { t } = useTranslation();
  const change = useAppStore((s) => s.changePostmortem);
  const toast = useAppStore((s) => s.pushToast);
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmission();
  const allApproved =
    pm.reviewerCount > 0 && pm.approvedCount === pm.reviewerCount && pm.state === 'in_review';
  return (
    <div className="pm-workflow" data-testid="pm-workflow">
      {error && <ErrorNotice error={error} testId="pm-workflow-error" />}
      {pm.state === 'draft' && (
        <Button
          variant="primary"
          busy={busy}
          disabled={isDirty}
          onClick={() =>
            submit(() => change('postmortems.submit', { id: pm.id }), {
              onDone: () => toast('success', t('postmortems.workflow.submitted')),
            })
          }
          data-testid="pm-submit"
        >
          {t('postmortems.workflow.submit')}
        </Button>
      )}
      {pm.state === 'in_review' && (
        <Button
          variant="primary"
          busy={busy}
          disabled={!allApproved}
          onClick={() =>
            submit(() => change('postmortems.publish', { id: pm.id }), {
              onDone: () => toast('success', t('postmortems.workflow.published')),
            })
          }
          data-testid="pm-publish"
        >
          {t('postmortems.workflow.publish')}
        </Button>
      )}
      {pm.state === 'published' && (
        <form
          className="pm-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit(() => change('postmortems.reopen', { id: pm.id, reason }), {
              onDone: (d) =>
                toast('success', t('postmortems.workflow.reopened', { n: d.revision })),
            });
          }}
        >
          <TextField
            label={t('postmortems.workflow.reopenReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            dir="auto"
          />
          <Button type="submit" busy={busy} data-testid="pm-reopen">
            {t('postmortems.workflow.reopen')}
          </Button>
        </form>
      )}
    </div>
  );
}

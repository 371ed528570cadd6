// One postmortem: its facts and state, the template's sections (Markdown beside a live, sanitised
// preview while it is a draft the operator may write), the SLI charts, the action items, the
// review, and its exports.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTION_GROUPS, type SectionKey } from '../../../shared/domain/postmortems/template.ts';
import type { PostmortemDetail } from '../../../shared/ipc/postmortemSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { ActionItemsTable, AddActionItem } from './ActionItemsTable.tsx';
import { ExportBar } from './ExportBar.tsx';
import { PostmortemCharts } from './PostmortemCharts.tsx';
import { PostmortemStateBadge } from './PostmortemStateBadge.tsx';
import { ReviewPanel } from './ReviewPanel.tsx';
import { SectionField } from './SectionField.tsx';
import { WorkflowBar } from './WorkflowBar.tsx';

type Draft = {
  sections: Partial<Record<SectionKey, string>>;
  model?: string;
  modelVersion?: string;
};

export function PostmortemEditor({ pm }: { pm: PostmortemDetail }) {
  const { t } = useTranslation();
  const canWrite = useAppStore(selectCan('postmortems.write'));
  const change = useAppStore((s) => s.changePostmortem);
  const toast = useAppStore((s) => s.pushToast);
  const [draft, setDraft] = useState<Draft>({ sections: {} });
  const { busy, error, submit } = useSubmission();
  const isEditable = canWrite && pm.state === 'draft';
  const isDirty =
    Object.keys(draft.sections).length > 0 ||
    draft.model !== undefined ||
    draft.modelVersion !== undefined;
  const save = () =>
    submit(
      () =>
        change('postmortems.update', {
          id: pm.id,
          sections: draft.sections,
          ...(draft.model !== undefined ? { model: draft.model } : {}),
          ...(draft.modelVersion !== undefined ? { modelVersion: draft.modelVersion } : {}),
        }),
      {
        onDone: () => {
          setDraft({ sections: {} });
          toast('success', t('postmortems.saved'));
        },
      },
    );
  const readOnlyNote = !canWrite
    ? t('postmortems.readOnlyRole')
    : pm.state === 'published'
      ? t('postmortems.readOnlyPublished')
      : pm.state === 'in_review'
        ? t('postmortems.readOnlyReview')
        : null;

  return (
    <article className="pm-editor" data-testid="pm-editor" data-state={pm.state}>
      <header className="pm-header">
        <div>
          <h2 className="pm-title" dir="auto">
            {pm.title}
          </h2>
          <p className="muted">
            <PostmortemStateBadge state={pm.state} />{' '}
            {t('postmortems.revision', { n: pm.revision })} · #{pm.incidentId}{' '}
            <span dir="auto">{pm.incidentTitle}</span> · {pm.incidentPriority} ·{' '}
            <span className="mono">{pm.author}</span>
          </p>
        </div>
        {canWrite && <WorkflowBar pm={pm} isDirty={isDirty} />}
      </header>
      <ExportBar postmortemId={pm.id} />
      <p className="pm-blameless">{t('postmortems.blameless')}</p>
      {readOnlyNote && (
        <p className="notice" data-testid="pm-read-only">
          {readOnlyNote}
        </p>
      )}
      {error && <ErrorNotice error={error} testId="pm-save-error" />}
      {isEditable && (
        <div className="pm-savebar">
          {isDirty && <span className="muted">{t('postmortems.unsaved')}</span>}
          <Button
            variant="primary"
            busy={busy}
            disabled={!isDirty}
            onClick={save}
            data-testid="pm-save"
          >
            {t('postmortems.save')}
          </Button>
        </div>
      )}
      <div className="pm-layout">
        <div className="pm-main">
          {SECTION_GROUPS.map((group) => (
            <section
              key={group.group}
              className="pm-group"
              aria-label={t(`postmortems.groups.${group.group}`)}
            >
              <h2 className="pm-group-title">{t(`postmortems.groups.${group.group}`)}</h2>
              {group.group === 'ml' && isEditable && (
                <div className="pm-model-fields">
                  <TextField
                    label={t('postmortems.model')}
                    value={draft.model ?? pm.model ?? ''}
                    onChange={(e) => setDraft((d) => ({ ...d, model: e.target.value }))}
                    dir="ltr"
                  />
                  <TextField
                    label={t('postmortems.modelVersion')}
                    value={draft.modelVersion ?? pm.modelVersion ?? ''}
                    onChange={(e) => setDraft((d) => ({ ...d, modelVersion: e.target.value }))}
                    dir="ltr"
                  />
                </div>
              )}
              {group.keys.map((key) => (
                <SectionField
                  key={key}
                  section={key}
                  text={draft.sections[key] ?? pm.sections[key]}
                  isEditable={isEditable}
                  onChange={(text) =>
                    setDraft((d) => ({ ...d, sections: { ...d.sections, [key]: text } }))
                  }
                />
              ))}
              {group.group === 'ml' && <PostmortemCharts pm={pm} />}
            </section>
          ))}
        </div>
        <aside className="pm-side">
          <ReviewPanel pm={pm} />
          <section className="card" aria-label={t('postmortems.items.title')}>
            <h2 className="card-title">{t('postmortems.items.title')}</h2>
            <div className="card-body pm-stack">
              <ActionItemsTable
                items={pm.actionItems}
                canEdit={canWrite}
                showPostmortem={false}
                emptyText={t('postmortems.items.empty')}
              />
              {canWrite && <AddActionItem postmortemId={pm.id} />}
            </div>
          </section>
        </aside>
      </div>
    </article>
  );
}

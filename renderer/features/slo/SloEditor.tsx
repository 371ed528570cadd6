// Creates or edits one SLO. Every keystroke re-validates the whole spec with the shared schema
// (and PromQL with the evaluator's own compiler); messages appear beside the fields once touched.
// Backtest runs the draft over the last 30 days before anything is saved.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backtest } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { BACKTEST_DAYS, BacktestPanel } from './BacktestPanel.tsx';
import {
  draftKey,
  forgetKeptDraft,
  isSameDraft,
  readKeptDraft,
  useDraftKeeper,
} from './draftKeeper.ts';
import { draftNameWarnings } from './nameWarnings.ts';
import { RestoredDraftNotice, useKnownNames } from './EditorNotices.tsx';
import { SloDeleteDialog } from './SloDeleteDialog.tsx';
import { IndicatorFields } from './IndicatorFields.tsx';
import { issueText, promQlText } from './issueText.ts';
import { AlertingFields, ObjectiveFields } from './ObjectiveFields.tsx';
import {
  draftFromSpec,
  emptyDraft,
  validateDraft,
  withIndicatorType,
  type SloDraft,
} from './sloForm.ts';

const isUnder = (path: string, touched: ReadonlySet<string>) =>
  [...touched].some((k) => path === k || path.startsWith(`${k}.`));

function DraftEditor({
  name,
  initial,
  onBack,
}: {
  name: string | null;
  initial: SloDraft;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const save = useAppStore((s) => s.saveSlo);
  const backtest = useAppStore((s) => s.backtestSlo);
  const openSlo = useAppStore((s) => s.openSlo);
  const toast = useAppStore((s) => s.pushToast);
  const username = useAppStore((s) => s.session?.operator.username ?? '');
  const key = draftKey(username, name);
  // A draft kept from before a reload comes back, with a notice that offers to discard it.
  const [restored, setRestored] = useState(() => {
    const kept = readKeptDraft(key, initial);
    return kept && !isSameDraft(kept.draft, initial) ? kept : null;
  });
  const [draft, setDraft] = useState(restored?.draft ?? initial);
  useDraftKeeper(key, draft, initial);
  const known = useKnownNames();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [tested, setTested] = useState<{ result: Backtest; draft: SloDraft } | null>(null);
  const saving = useSubmission();
  const testing = useSubmission();
  const verdict = useMemo(() => validateDraft(draft), [draft]);
  const warnings = useMemo(() => draftNameWarnings(draft, known, t), [draft, known, t]);

  const update = (patch: Partial<SloDraft>, ...paths: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (paths.length) setTouched((set) => new Set([...set, ...paths]));
  };
  const err = (path: string): string | null => {
    if (!submitted && !isUnder(path, touched)) return null;
    const problem = verdict.problems.get(path);
    if (!problem) return null;
    return problem.kind === 'issue'
      ? issueText(problem.issue, t)
      : promQlText(problem.error, problem.query, t);
  };
  const warn = (path: string): string | null => warnings.get(path) ?? null;
  const fieldProps = { draft, update, err, warn };
  const discard = () => {
    forgetKeptDraft(key);
    setDraft(initial);
    setTouched(new Set());
    setRestored(null);
  };
  const leave = () => {
    forgetKeptDraft(key); // leaving through Back is a choice; only a reload keeps the draft
    onBack();
  };

  const onSave = () => {
    setSubmitted(true);
    const spec = verdict.spec;
    if (!spec) return;
    saving.submit(
      () => save({ spec, previousName: name !== null && name !== spec.name ? name : undefined }),
      {
        onDone: (summary) => {
          forgetKeptDraft(key);
          toast('success', t('slo.saved', { name: summary.name }));
          openSlo(summary.name);
        },
      },
    );
  };
  const onBacktest = () => {
    setSubmitted(true);
    const spec = verdict.spec;
    if (!spec) return;
    const at = draft;
    testing.submit(() => backtest({ spec, days: BACKTEST_DAYS }), {
      onDone: (result) => setTested({ result, draft: at }),
    });
  };

  return (
    <form
      className="slo-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      noValidate
      data-testid="slo-editor"
      data-valid={verdict.spec !== null}
    >
      <header className="page-header">
        <div>
          <Button variant="ghost" size="sm" onClick={leave} data-testid="slo-editor-back">
            {t('slo.back')}
          </Button>
          <h1 className="page-title">
            {name === null ? t('slo.editor.newTitle') : t('slo.editor.editTitle', { name })}
          </h1>
        </div>
        <div className="page-actions">
          {name !== null && (
            <Button
              variant="danger"
              onClick={() => setDeleting(true)}
              data-testid="slo-editor-delete"
            >
              {t('slo.delete.open')}
            </Button>
          )}
          <Button onClick={onBacktest} busy={testing.busy} data-testid="slo-backtest-run">
            {t('slo.backtest.run')}
          </Button>
          <Button type="submit" variant="primary" busy={saving.busy} data-testid="slo-save">
            {t('slo.editor.save')}
          </Button>
        </div>
      </header>
      {submitted && verdict.problems.size > 0 && (
        <p className="notice notice-error" role="alert" data-testid="slo-editor-invalid">
          {t('slo.editor.fix', { count: verdict.problems.size })}
        </p>
      )}
      {restored && <RestoredDraftNotice keptAt={restored.keptAt} onDiscard={discard} />}
      {warnings.size > 0 && (
        <p className="notice notice-warning" role="status" data-testid="slo-editor-warnings">
          {t('sloChecks.summary', { count: warnings.size })}
        </p>
      )}
      {saving.error && <ErrorNotice error={saving.error} testId="slo-save-error" />}
      <div className="slo-editor-grid">
        <fieldset className="form-section-card">
          <legend className="visually-hidden">{t('slo.sections.service')}</legend>
          <h2 className="form-card-title">{t('slo.sections.service')}</h2>
          <div className="form-row">
            <TextField
              label={t('slo.fields.name')}
              hint={t('slo.fields.nameHint')}
              dir="ltr"
              value={draft.name}
              error={err('name')}
              onChange={(e) => update({ name: e.target.value }, 'name')}
              data-testid="slo-name"
            />
            <TextField
              label={t('slo.fields.displayName')}
              value={draft.displayName}
              error={err('displayName')}
              onChange={(e) => update({ displayName: e.target.value }, 'displayName')}
              data-testid="slo-display-name"
            />
          </div>
          <TextField
            label={t('slo.fields.description')}
            value={draft.description}
            error={err('description')}
            onChange={(e) => update({ description: e.target.value }, 'description')}
          />
          <div className="form-row">
            <TextField
              label={t('slo.fields.model')}
              dir="ltr"
              value={draft.model}
              error={err('service.model')}
              warning={warn('service.model')}
              onChange={(e) => update({ model: e.target.value }, 'service.model')}
              list="slo-known-models"
              autoComplete="off"
              data-testid="slo-model"
            />
            <datalist id="slo-known-models" aria-label={t('sloChecks.knownModels')}>
              {known?.models.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            <TextField
              label={t('slo.fields.versions')}
              hint={t('slo.fields.versionsHint')}
              dir="ltr"
              value={draft.versions}
              error={err('service.versions')}
              onChange={(e) => update({ versions: e.target.value }, 'service.versions')}
            />
            <TextField
              label={t('slo.fields.site')}
              hint={t('slo.fields.siteHint')}
              value={draft.site}
              error={err('service.site')}
              onChange={(e) => update({ site: e.target.value }, 'service.site')}
            />
          </div>
        </fieldset>
        <IndicatorFields
          {...fieldProps}
          onTypeChange={(type) =>
            update(withIndicatorType(draft, type), 'indicator', 'budgetingMethod')
          }
        />
        <ObjectiveFields {...fieldProps} />
        <AlertingFields {...fieldProps} />
      </div>
      <BacktestPanel
        result={tested?.result ?? null}
        busy={testing.busy}
        error={testing.error}
        objective={verdict.spec?.objective ?? null}
        isStale={tested !== null && tested.draft !== draft}
      />
      {deleting && name !== null && (
        <SloDeleteDialog name={name} onClose={() => setDeleting(false)} />
      )}
    </form>
  );
}

export function SloEditor({ name, onBack }: { name: string | null; onBack: () => void }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.sloDetail);
  const load = useAppStore((s) => s.loadSlo);
  const detail = name !== null && remote.data?.summary.name === name ? remote.data : null;

  useEffect(() => {
    if (name !== null && !detail) void load(name);
  }, [name, detail, load]);

  if (name === null) return <DraftEditor name={null} initial={emptyDraft()} onBack={onBack} />;
  if (!detail)
    return remote.error ? (
      <ErrorNotice error={remote.error} onRetry={() => void load(name)} />
    ) : (
      <LoadingBlock />
    );
  if (!detail.spec) {
    // A stored spec that no longer parses: start from a blank draft under the same name.
    return (
      <>
        <p className="notice notice-error" role="alert">
          {t('slo.editor.unreadable', { error: detail.summary.error ?? '' })}
        </p>
        <DraftEditor name={name} initial={{ ...emptyDraft(), name }} onBack={onBack} />
      </>
    );
  }
  return <DraftEditor name={name} initial={draftFromSpec(detail.spec)} onBack={onBack} />;
}

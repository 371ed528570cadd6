// Creates or edits an SLA: who it is for, which SLOs it covers, the committed target, the period,
// maintenance windows excluded from the figures and the service-credit table. Validated as typed.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import { ConfirmDeleteDialog } from '../slo/ConfirmDeleteDialog.tsx';
import { issueText } from '../slo/issueText.ts';
import { SlaListsFields } from './SlaListsFields.tsx';
import { emptySlaDraft, slaDraftFromSpec, validateSlaDraft, type SlaDraft } from './slaForm.ts';

function SloPicker({
  selected,
  onChange,
  error,
}: {
  selected: string[];
  onChange: (slos: string[]) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const slos = useAppStore((s) => s.sloList.data);
  const load = useAppStore((s) => s.loadSlos);
  useEffect(() => {
    if (!slos) void load();
  }, [slos, load]);
  // Display names by SLO name, built once per list (a site can have a thousand SLOs).
  const displayNames = useMemo(
    () => new Map((slos ?? []).map((s) => [s.name, s.displayName])),
    [slos],
  );
  const names = useMemo(
    () => [...new Set([...displayNames.keys(), ...selected])].sort(),
    [displayNames, selected],
  );
  return (
    <fieldset
      className={`form-section sla-slo-picker${error ? ' field-invalid' : ''}`}
      data-testid="sla-slo-picker"
    >
      <legend>{t('sla.fields.slos')}</legend>
      {names.length === 0 && <p className="muted">{t('sla.noSlos')}</p>}
      <div className="sla-slo-options">
        {names.map((name) => (
          <Checkbox
            key={name}
            label={displayNames.get(name) || name}
            checked={selected.includes(name)}
            onChange={(e) =>
              onChange(e.target.checked ? [...selected, name] : selected.filter((n) => n !== name))
            }
            data-testid="sla-slo-option"
            data-slo={name}
          />
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

export function SlaEditor({ name, onBack }: { name: string | null; onBack: () => void }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const existing = useAppStore((s) =>
    name === null ? undefined : s.slaList.data?.find((x) => x.name === name),
  );
  const save = useAppStore((s) => s.saveSla);
  const remove = useAppStore((s) => s.deleteSla);
  const openSla = useAppStore((s) => s.openSla);
  const showList = useAppStore((s) => s.showSlaList);
  const toast = useAppStore((s) => s.pushToast);
  const [draft, setDraft] = useState<SlaDraft>(() =>
    existing?.spec
      ? slaDraftFromSpec(existing.spec, timeZone)
      : { ...emptySlaDraft(), name: name ?? '' },
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const { busy, error, submit } = useSubmission();
  const verdict = useMemo(() => validateSlaDraft(draft, timeZone), [draft, timeZone]);

  const update = (patch: Partial<SlaDraft>, ...paths: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (paths.length) setTouched((set) => new Set([...set, ...paths]));
  };
  const err = (path: string) => {
    const shown = submitted || [...touched].some((k) => path === k || path.startsWith(`${k}.`));
    const issue = shown ? verdict.problems.get(path) : undefined;
    return issue ? issueText(issue, t) : null;
  };
  const onSave = () => {
    setSubmitted(true);
    const spec = verdict.spec;
    if (!spec) return;
    submit(() => save(spec), {
      onDone: (summary) => {
        toast('success', t('sla.saved', { name: summary.name }));
        openSla(summary.name);
      },
    });
  };

  return (
    <form
      className="sla-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      noValidate
      data-testid="sla-editor"
    >
      <header className="page-header">
        <div>
          <Button variant="ghost" size="sm" onClick={onBack}>
            {t('sla.back')}
          </Button>
          <h1 className="page-title">
            {name === null ? t('sla.editor.newTitle') : t('sla.editor.editTitle', { name })}
          </h1>
        </div>
        <div className="page-actions">
          {name !== null && (
            <Button variant="danger" onClick={() => setDeleting(true)} data-testid="sla-delete">
              {t('sla.delete')}
            </Button>
          )}
          <Button type="submit" variant="primary" busy={busy} data-testid="sla-save">
            {t('sla.editor.save')}
          </Button>
        </div>
      </header>
      {submitted && verdict.problems.size > 0 && (
        <p className="notice notice-error" role="alert">
          {t('slo.editor.fix', { count: verdict.problems.size })}
        </p>
      )}
      {error && <ErrorNotice error={error} />}
      <div className="slo-editor-grid">
        <fieldset className="form-section-card">
          <legend className="visually-hidden">{t('sla.sections.commitment')}</legend>
          <h2 className="form-card-title">{t('sla.sections.commitment')}</h2>
          <div className="form-row">
            <TextField
              label={t('slo.fields.name')}
              hint={t('slo.fields.nameHint')}
              dir="ltr"
              value={draft.name}
              readOnly={name !== null}
              error={err('name')}
              onChange={(e) => update({ name: e.target.value }, 'name')}
              data-testid="sla-name"
            />
            <TextField
              label={t('slo.fields.displayName')}
              value={draft.displayName}
              error={err('displayName')}
              onChange={(e) => update({ displayName: e.target.value }, 'displayName')}
            />
          </div>
          <TextField
            label={t('sla.fields.customer')}
            hint={t('sla.fields.customerHint')}
            value={draft.customer}
            error={err('customer')}
            onChange={(e) => update({ customer: e.target.value }, 'customer')}
            data-testid="sla-customer"
          />
          <div className="form-row">
            <TextField
              label={t('sla.fields.target')}
              hint={t('sla.fields.targetHint')}
              inputMode="decimal"
              dir="ltr"
              value={draft.targetPercent}
              error={err('target')}
              onChange={(e) => update({ targetPercent: e.target.value }, 'target')}
              data-testid="sla-target"
            />
            <SelectField
              label={t('sla.fields.period')}
              value={draft.period}
              onChange={(e) => update({ period: e.target.value as SlaDraft['period'] })}
            >
              <option value="month">{t('sla.period.month')}</option>
              <option value="quarter">{t('sla.period.quarter')}</option>
            </SelectField>
          </div>
          <SloPicker
            selected={draft.slos}
            onChange={(slos) => update({ slos }, 'slos')}
            error={err('slos') ?? err('slos.0')}
          />
        </fieldset>
        <SlaListsFields draft={draft} update={update} err={err} timeZone={timeZone} />
      </div>
      {deleting && name !== null && (
        <ConfirmDeleteDialog
          title={t('sla.deleteTitle')}
          body={t('sla.deleteBody')}
          name={name}
          onConfirm={() => remove(name)}
          onDeleted={() => {
            toast('success', t('slo.delete.done', { name }));
            showList();
          }}
          onClose={() => setDeleting(false)}
          testId="sla-delete-dialog"
        />
      )}
    </form>
  );
}

// Creates or edits a schedule: its name and its rotations (later rotations win where they cover).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnCallSchedule } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectOnCallPeople } from '../../store/oncallSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { LayerFields } from './LayerFields.tsx';
import { checkDraft, draftOf, newLayer, type DraftErrors } from './scheduleForm.ts';

export function ScheduleEditor({
  schedule,
  today,
  onClose,
}: {
  /** Null: a new schedule. */
  schedule: OnCallSchedule | null;
  /** The site's date, where a new rotation starts. */
  today: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const people = useAppStore(selectOnCallPeople).data ?? [];
  const save = useAppStore((s) => s.saveOnCallSchedule);
  const pushToast = useAppStore((s) => s.pushToast);
  const [draft, setDraft] = useState(() => draftOf(schedule, today));
  const [errors, setErrors] = useState<DraftErrors | null>(null);
  const { busy, error, submit } = useSubmission();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    setErrors(checked.errors);
    if (!checked.spec) return;
    const spec = checked.spec;
    submit(() => save(schedule?.id, spec), {
      onDone: (saved) => {
        pushToast('success', t('oncall.editor.saved', { name: saved.name }));
        onClose();
      },
    });
  };

  return (
    <Dialog
      title={schedule ? t('oncall.editor.editTitle') : t('oncall.editor.newTitle')}
      onClose={onClose}
      className="oncall-dialog"
      testId="oncall-schedule-editor"
    >
      <form className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('oncall.editor.name')}
          value={draft.name}
          maxLength={80}
          error={errors?.name ? t(errors.name) : null}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          data-testid="oncall-schedule-name"
        />
        <TextField
          label={t('oncall.editor.description')}
          value={draft.description}
          maxLength={500}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
        {draft.layers.length > 1 && <p className="form-note">{t('oncall.editor.layersHint')}</p>}
        {draft.layers.map((layer, i) => (
          <LayerFields
            key={i}
            index={i}
            layer={layer}
            people={people}
            errors={errors?.layers[i] ?? {}}
            canRemove={draft.layers.length > 1}
            onChange={(next) =>
              setDraft({ ...draft, layers: draft.layers.map((l, j) => (j === i ? next : l)) })
            }
            onRemove={() => setDraft({ ...draft, layers: draft.layers.filter((_, j) => j !== i) })}
          />
        ))}
        {draft.layers.length < 5 && (
          <div>
            <Button
              size="sm"
              onClick={() => setDraft({ ...draft, layers: [...draft.layers, newLayer(today)] })}
              data-testid="oncall-layer-add"
            >
              {t('oncall.editor.addLayer')}
            </Button>
          </div>
        )}
        {error && <ErrorNotice error={error} testId="oncall-schedule-error" />}
        <div className="form-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy} data-testid="oncall-schedule-save">
            {t('oncall.editor.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

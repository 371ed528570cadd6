// A commander renames the incident, recategorises it or declares it major; only what changed is sent.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_CATEGORIES,
  type IncidentCategory,
} from '../../../shared/domain/incidents/index.ts';
import type { ChannelInput, IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';

export function EditIncidentDialog({
  incident,
  onClose,
}: {
  incident: IncidentDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const update = useAppStore((s) => s.updateIncident);
  const { busy, error, submit } = useSubmission();
  const [title, setTitle] = useState(incident.title);
  const [category, setCategory] = useState<IncidentCategory>(incident.category);
  const [isMajor, setMajor] = useState(incident.isMajor);
  const titleError = !title.trim() ? t('incidents.declare.titleRequired') : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (titleError) return;
    const change: ChannelInput<'incidents.update'> = { id: incident.id };
    if (title.trim() !== incident.title) change.title = title.trim();
    if (category !== incident.category) change.category = category;
    if (isMajor !== incident.isMajor) change.isMajor = isMajor;
    if (Object.keys(change).length === 1) return onClose();
    submit(() => update(change), { onDone: onClose });
  };

  return (
    <Dialog
      title={t('incidents.edit.title', { id: incident.id })}
      onClose={onClose}
      testId="incident-edit-dialog"
      className="incident-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="incident-edit-form"
            busy={busy}
            data-testid="incident-edit-submit"
          >
            {t('common.save')}
          </Button>
        </>
      }
    >
      <form id="incident-edit-form" className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('incidents.fields.title')}
          value={title}
          maxLength={200}
          error={titleError}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="incident-edit-title"
        />
        <SelectField
          label={t('incidents.fields.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value as IncidentCategory)}
          data-testid="incident-edit-category"
        >
          {INCIDENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`incidents.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <Checkbox
          label={t('incidents.edit.major')}
          checked={isMajor}
          onChange={(e) => setMajor(e.target.checked)}
          data-testid="incident-edit-major"
        />
        <p className="form-note">{t('incidents.edit.majorHint')}</p>
        {error && <ErrorNotice error={error} testId="incident-edit-error" />}
      </form>
    </Dialog>
  );
}

// Declares an incident by hand: a report from a user, or a problem no alert caught. The priority
// follows from impact and urgency as they are picked.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_CATEGORIES,
  type IncidentCategory,
  type Level,
} from '../../../shared/domain/incidents/index.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { NoteField } from './NoteField.tsx';
import { PriorityFields } from './PriorityFields.tsx';

export function DeclareDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const declare = useAppStore((s) => s.declareIncident);
  const open = useAppStore((s) => s.openIncident);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [title, setTitle] = useState('');
  const [levels, setLevels] = useState<{ impact: Level; urgency: Level }>({
    impact: 'medium',
    urgency: 'medium',
  });
  const [category, setCategory] = useState<IncidentCategory>('other');
  const [service, setService] = useState('');
  const [note, setNote] = useState('');
  const [isTried, setTried] = useState(false);
  const titleError = isTried && !title.trim() ? t('incidents.declare.titleRequired') : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!title.trim()) return;
    submit(
      () =>
        declare({
          title: title.trim(),
          ...levels,
          category,
          ...(service.trim() ? { service: service.trim() } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      {
        onDone: (incident) => {
          toast('success', t('incidents.declare.done', { id: incident.id }));
          onClose();
          open(incident.id);
        },
      },
    );
  };

  return (
    <Dialog
      title={t('incidents.declare.title')}
      onClose={onClose}
      testId="incident-declare-dialog"
      className="incident-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form="incident-declare-form"
            busy={busy}
            data-testid="incident-declare-submit"
          >
            {t('incidents.declare.submit')}
          </Button>
        </>
      }
    >
      <form id="incident-declare-form" className="form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('incidents.fields.title')}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          error={titleError}
          data-autofocus=""
          data-testid="incident-declare-title"
        />
        <PriorityFields
          impact={levels.impact}
          urgency={levels.urgency}
          onChange={setLevels}
          testIdPrefix="incident-declare"
        />
        <SelectField
          label={t('incidents.fields.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value as IncidentCategory)}
          data-testid="incident-declare-category"
        >
          {INCIDENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`incidents.categories.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('incidents.fields.service')}
          hint={t('incidents.fields.serviceHint')}
          value={service}
          maxLength={200}
          dir="ltr"
          onChange={(e) => setService(e.target.value)}
          data-testid="incident-declare-service"
        />
        <NoteField
          label={t('incidents.fields.note')}
          value={note}
          onChange={setNote}
          testId="incident-declare-note"
        />
        {error && <ErrorNotice error={error} testId="incident-declare-error" />}
      </form>
    </Dialog>
  );
}

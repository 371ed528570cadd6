// Everything that happened, oldest first, with who did it and when (in the site's zone). Notes and
// every other free text are rendered as text, never as markup.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { NoteField } from './NoteField.tsx';

function NoteForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const addNote = useAppStore((s) => s.addIncidentNote);
  const { busy, error, submit } = useSubmission();
  const [text, setText] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    submit(() => addNote(incident.id, text.trim()), { onDone: () => setText('') });
  };
  return (
    <form className="incident-note-form" onSubmit={onSubmit}>
      <NoteField
        label={t('incidents.timeline.addNote')}
        value={text}
        onChange={setText}
        rows={2}
        testId="incident-note-text"
      />
      <div className="form-actions">
        <Button type="submit" busy={busy} disabled={!text.trim()} data-testid="incident-note-add">
          {t('incidents.timeline.add')}
        </Button>
      </div>
      {error && <ErrorNotice error={error} testId="incident-note-error" />}
    </form>
  );
}

export function IncidentTimeline({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const canRespond = useAppStore(selectCan('incidents.respond'));
  const entries = useMemo(
    () => [...incident.timeline].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id),
    [incident.timeline],
  );
  return (
    <section className="incident-panel" aria-labelledby="incident-timeline-heading">
      <h2 id="incident-timeline-heading" className="panel-subtitle">
        {t('incidents.sections.timeline')}
      </h2>
      <ol className="incident-timeline" data-testid="incident-timeline">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className={`incident-event incident-event-${entry.kind}`}
            data-testid="incident-timeline-entry"
            data-kind={entry.kind}
          >
            <div className="incident-event-meta">
              <Timestamp iso={entry.at} timeZone={timeZone} />
              <span className="incident-event-kind">
                {t(`incidents.timeline.kinds.${entry.kind}`)}
              </span>
              <span className="muted" dir="ltr">
                {entry.actor ?? t('incidents.timeline.console')}
              </span>
            </div>
            <p className="incident-event-text" dir="auto" data-testid="incident-timeline-text">
              {entry.text}
            </p>
          </li>
        ))}
      </ol>
      {canRespond && <NoteForm incident={incident} />}
    </section>
  );
}

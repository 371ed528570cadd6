// The debrief after a drill: the scenario's questions with the team's answers, and action items with
// their owners; saved with the run and printed in its report.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DrillRunDetail } from '../../../shared/ipc/drillSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

interface Item {
  text: string;
  owner: string;
}

/** The scenario's questions, with any answer already saved (and saved questions it no longer asks). */
function useQuestions(run: DrillRunDetail): string[] {
  const call = useAppStore((s) => s.drillCall);
  const [asked, setAsked] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    call('drill.scenario', { name: run.scenario, version: run.version }).then(
      (s) => live && setAsked(s.debrief),
      () => undefined, // an imported scenario may be gone: the saved answers still show
    );
    return () => {
      live = false;
    };
  }, [call, run.scenario, run.version]);
  const saved = run.debrief.map((d) => d.question);
  return [...asked, ...saved.filter((q) => !asked.includes(q))];
}

export function DebriefForm({ run }: { run: DrillRunDetail }) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.drillCall);
  const canRun = useAppStore(selectCan('drills.run'));
  const questions = useQuestions(run);
  const [answers, setAnswers] = useState<Record<string, string>>(() =>
    Object.fromEntries(run.debrief.map((d) => [d.question, d.answer])),
  );
  const [items, setItems] = useState<Item[]>(run.actionItems);
  const [saved, setSaved] = useState(false);
  const { busy, error, submit } = useSubmission();
  const setItem = (i: number, change: Partial<Item>) =>
    setItems(items.map((item, j) => (j === i ? { ...item, ...change } : item)));
  const save = () =>
    submit(
      () =>
        call('drill.saveDebrief', {
          id: run.id,
          debrief: questions.map((question) => ({ question, answer: answers[question] ?? '' })),
          actionItems: items.filter((item) => item.text.trim()),
        }),
      { onDone: () => setSaved(true) },
    );
  return (
    <section
      className="card drill-debrief"
      aria-labelledby="drill-debrief-title"
      data-testid="drill-debrief"
    >
      <h2 id="drill-debrief-title" className="card-title">
        {t('drills.debrief.title')}
      </h2>
      <div className="card-body drill-stack">
        {questions.length === 0 && <p className="muted">{t('drills.debrief.noQuestions')}</p>}
        {questions.map((question, i) => (
          <div className="field" key={question}>
            <label className="field-label" htmlFor={`drill-answer-${i}`} dir="auto">
              {question}
            </label>
            <textarea
              id={`drill-answer-${i}`}
              className="input"
              dir="auto"
              readOnly={!canRun}
              maxLength={5000}
              value={answers[question] ?? ''}
              onChange={(e) => {
                setAnswers({ ...answers, [question]: e.target.value });
                setSaved(false);
              }}
              data-testid="drill-answer"
            />
          </div>
        ))}
        <h3>{t('drills.debrief.actionItems')}</h3>
        {items.length === 0 && <p className="muted">{t('drills.debrief.noItems')}</p>}
        {items.map((item, i) => (
          <div className="drill-row" key={i} data-testid="drill-action-item">
            <input
              className="input"
              aria-label={t('drills.debrief.itemText', { n: i + 1 })}
              dir="auto"
              readOnly={!canRun}
              maxLength={500}
              value={item.text}
              onChange={(e) => setItem(i, { text: e.target.value })}
            />
            <input
              className="input input-sm"
              aria-label={t('drills.debrief.itemOwner', { n: i + 1 })}
              placeholder={t('drills.debrief.owner')}
              readOnly={!canRun}
              maxLength={64}
              value={item.owner}
              onChange={(e) => setItem(i, { owner: e.target.value })}
            />
            {canRun && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setItems(items.filter((_, j) => j !== i))}
              >
                {t('drills.debrief.removeItem')}
              </Button>
            )}
          </div>
        ))}
        {error && <ErrorNotice error={error} testId="drill-debrief-error" />}
        {canRun && (
          <div className="form-actions">
            <Button
              onClick={() => setItems([...items, { text: '', owner: '' }])}
              disabled={items.length >= 50}
              data-testid="drill-add-item"
            >
              {t('drills.debrief.addItem')}
            </Button>
            <Button variant="primary" busy={busy} onClick={save} data-testid="drill-debrief-save">
              {t('drills.debrief.save')}
            </Button>
            {saved && <span role="status">{t('drills.debrief.saved')}</span>}
          </div>
        )}
      </div>
    </section>
  );
}

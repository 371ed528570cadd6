// Respond and resolve targets per priority: read by everyone, changed by incident commanders.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../shared/domain/incidents/priority.ts';
import type { Targets } from '../../../shared/domain/incidents/targets.ts';
import { toApiCallError } from '../../api/client.ts';
import { useAppStore } from '../../store/index.ts';
import { selectIncidentTargets } from '../../store/operationsSlice.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice, useErrorText } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { formatMttx } from './mttxFormat.ts';

const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4', 'P5'];
const MAX_MINUTES = 525_600;

type Draft = Record<Priority, { respond: string; resolve: string }>;

const toDraft = (targets: Targets): Draft =>
  Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      { respond: String(targets[p].respondMinutes), resolve: String(targets[p].resolveMinutes) },
    ]),
  ) as Draft;

/** Whole minutes from 1 to a year, or null. */
function minutesOf(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_MINUTES ? n : null;
}

function fromDraft(draft: Draft): Targets | null {
  const out: Partial<Targets> = {};
  for (const p of PRIORITIES) {
    const respondMinutes = minutesOf(draft[p].respond);
    const resolveMinutes = minutesOf(draft[p].resolve);
    if (respondMinutes === null || resolveMinutes === null) return null;
    out[p] = { respondMinutes, resolveMinutes };
  }
  return out as Targets;
}

export function TargetsEditor() {
  const { t } = useTranslation();
  const remote = useAppStore(selectIncidentTargets);
  const load = useAppStore((s) => s.loadIncidentTargets);
  const save = useAppStore((s) => s.saveIncidentTargets);
  const pushToast = useAppStore((s) => s.pushToast);
  const canEdit = useAppStore(selectCan('incidents.command'));
  const errorText = useErrorText();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const targets = remote.data;
  const parsed = draft ? fromDraft(draft) : null;
  const onSave = async () => {
    if (!parsed) return;
    setBusy(true);
    setError(null);
    try {
      await save(parsed);
      setDraft(null);
      pushToast('success', t('mttx.targets.saved'));
    } catch (thrown) {
      setError(errorText(toApiCallError(thrown)));
    } finally {
      setBusy(false);
    }
  };
  const field = (p: Priority, which: 'respond' | 'resolve') =>
    draft && (
      <input
        className="input input-sm mttx-target-input"
        inputMode="numeric"
        dir="ltr"
        value={draft[p][which]}
        aria-label={t(`mttx.targets.${which}Of`, { priority: p })}
        aria-invalid={minutesOf(draft[p][which]) === null || undefined}
        onChange={(e) => setDraft({ ...draft, [p]: { ...draft[p], [which]: e.target.value } })}
        data-testid={`mttx-target-${which}`}
        data-priority={p}
      />
    );

  return (
    <section
      className="panel"
      aria-labelledby="mttx-targets-title"
      data-testid="mttx-targets"
      data-editing={draft !== null}
    >
      <header className="panel-header">
        <h3 id="mttx-targets-title" className="home-card-title">
          {t('mttx.targets.title')}
        </h3>
        {canEdit && targets && !draft && (
          <Button
            size="sm"
            onClick={() => setDraft(toDraft(targets))}
            data-testid="mttx-targets-edit"
          >
            {t('mttx.targets.edit')}
          </Button>
        )}
      </header>
      {remote.error && <ErrorNotice error={remote.error} onRetry={() => void load()} />}
      {!targets && remote.status === 'loading' && <LoadingBlock />}
      {targets && (
        <Table
          caption={t('mttx.targets.title')}
          head={
            <tr>
              <th>{t('mttx.columns.priority')}</th>
              <th>{t('mttx.targets.respond')}</th>
              <th>{t('mttx.targets.resolve')}</th>
            </tr>
          }
        >
          {PRIORITIES.map((p) => (
            <tr key={p} data-testid="mttx-target-row" data-priority={p}>
              <th scope="row" dir="ltr" className="mttx-key">
                {p}
              </th>
              <td className="num">
                {draft ? field(p, 'respond') : formatMttx(targets[p].respondMinutes, t)}
              </td>
              <td className="num">
                {draft ? field(p, 'resolve') : formatMttx(targets[p].resolveMinutes, t)}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {draft && (
        <>
          <p className={parsed ? 'form-note' : 'field-error'} role={parsed ? undefined : 'alert'}>
            {t('mttx.targets.hint')}
          </p>
          {error && (
            <p className="form-error" role="alert" data-testid="mttx-targets-error">
              {error}
            </p>
          )}
          <div className="form-actions">
            <Button
              variant="primary"
              busy={busy}
              disabled={!parsed}
              onClick={() => void onSave()}
              data-testid="mttx-targets-save"
            >
              {t('mttx.targets.save')}
            </Button>
            <Button variant="ghost" onClick={() => (setDraft(null), setError(null))}>
              {t('common.cancel')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

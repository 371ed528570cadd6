// Automation rules on the Runbooks page: which alert name or incident category suggests (or starts)
// which runbook. Operators who manage runbooks add, change the mode of and delete rules; others read.
// A rule's match and runbook are what it is (saving the same three again changes its mode).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CATEGORIES } from '../../../shared/domain/incidents/categories.ts';
import {
  RULE_MATCH_KINDS,
  RULE_MODES,
  type RunbookRule,
} from '../../../shared/ipc/runbookSchemas.ts';
import { toApiCallError, type ApiCallError } from '../../api/client.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';

type Draft = Pick<RunbookRule, 'matchKind' | 'matchValue' | 'runbook' | 'mode'> & { id?: number };

function RuleForm({
  draft,
  onSaved,
  onCancel,
}: {
  draft: Draft;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const library = useAppStore((s) => s.runbookLibrary.data ?? []);
  const call = useAppStore((s) => s.runbookCall);
  const [form, setForm] = useState<Draft>(draft);
  const { busy, error, submit } = useSubmission();
  const isEdit = draft.id !== undefined;
  const set = (patch: Partial<Draft>) => setForm((f) => ({ ...f, ...patch }));
  const save = () =>
    submit(
      () =>
        call('runbooks.saveRule', {
          matchKind: form.matchKind,
          matchValue: form.matchValue.trim(),
          runbook: form.runbook,
          mode: form.mode,
        }),
      { onDone: onSaved },
    );
  return (
    <form
      className="runbook-rule-form"
      data-testid="runbook-rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <SelectField
        label={t('runbooks.rules.matchKind')}
        value={form.matchKind}
        disabled={isEdit}
        onChange={(e) => {
          const matchKind = e.target.value as Draft['matchKind'];
          set({ matchKind, matchValue: matchKind === 'category' ? INCIDENT_CATEGORIES[0] : '' });
        }}
        data-testid="runbook-rule-kind"
      >
        {RULE_MATCH_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`runbooks.rules.kind.${k}`)}
          </option>
        ))}
      </SelectField>
      {form.matchKind === 'category' ? (
        <SelectField
          label={t('runbooks.rules.category')}
          value={form.matchValue}
          disabled={isEdit}
          onChange={(e) => set({ matchValue: e.target.value })}
          data-testid="runbook-rule-value"
        >
          {INCIDENT_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`incidents.categories.${c}`)}
            </option>
          ))}
        </SelectField>
      ) : (
        <TextField
          label={t('runbooks.rules.alertName')}
          hint={t('runbooks.rules.alertHint')}
          value={form.matchValue}
          disabled={isEdit}
          dir="ltr"
          onChange={(e) => set({ matchValue: e.target.value })}
          data-testid="runbook-rule-value"
        />
      )}
      <SelectField
        label={t('runbooks.rules.runbook')}
        value={form.runbook}
        disabled={isEdit}
        onChange={(e) => set({ runbook: e.target.value })}
        data-testid="runbook-rule-runbook"
      >
        <option value="">{t('runbooks.panel.choose')}</option>
        {library.map((r) => (
          <option key={r.name} value={r.name}>
            {r.title} ({r.name})
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('runbooks.rules.mode')}
        hint={t('runbooks.rules.autoNote')}
        value={form.mode}
        onChange={(e) => set({ mode: e.target.value as Draft['mode'] })}
        data-testid="runbook-rule-mode"
      >
        {RULE_MODES.map((m) => (
          <option key={m} value={m}>
            {t(`runbooks.rules.modes.${m}`)}
          </option>
        ))}
      </SelectField>
      {error && <ErrorNotice error={error} testId="runbook-rule-error" />}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} data-testid="runbook-rule-save">
          {t('runbooks.rules.save')}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function RunbookRulesPanel() {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.runbookCall);
  const libraryData = useAppStore((s) => s.runbookLibrary.data);
  const canManage = useAppStore(selectCan('runbooks.manage'));
  const [rules, setRules] = useState<RunbookRule[] | null>(null);
  const [loadError, setLoadError] = useState<ApiCallError | null>(null);
  const [editing, setEditing] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<RunbookRule | null>(null);
  const load = useCallback(() => {
    setLoadError(null);
    call('runbooks.rules', {}).then(
      (r) => setRules(r.items),
      (e: unknown) => setLoadError(toApiCallError(e)),
    );
  }, [call]);
  // The library reloads whenever the backend says runbooks (rules included) changed.
  useEffect(load, [load, libraryData]);
  const matchText = (r: Pick<RunbookRule, 'matchKind' | 'matchValue'>) =>
    r.matchKind === 'category'
      ? t(`incidents.categories.${r.matchValue}`, { defaultValue: r.matchValue })
      : r.matchValue;
  return (
    <section className="card" aria-labelledby="runbook-rules-title" data-testid="runbook-rules">
      <h2 id="runbook-rules-title" className="card-title">
        {t('runbooks.rules.title')}
      </h2>
      <div className="card-body runbook-import">
        <p className="muted" data-testid="runbook-rules-note">
          {t('runbooks.rules.autoNote')}
        </p>
        {loadError && !rules && <ErrorNotice error={loadError} onRetry={load} />}
        {!rules && !loadError && <LoadingBlock label={t('runbooks.rules.loading')} />}
        {rules && rules.length === 0 && <p className="muted">{t('runbooks.rules.empty')}</p>}
        {rules && rules.length > 0 && (
          <Table
            caption={t('runbooks.rules.title')}
            head={
              <tr>
                <th scope="col">{t('runbooks.rules.match')}</th>
                <th scope="col">{t('runbooks.rules.runbook')}</th>
                <th scope="col">{t('runbooks.rules.mode')}</th>
                {canManage && <th scope="col">{t('common.actions')}</th>}
              </tr>
            }
          >
            {rules.map((r) => (
              <tr key={r.id} data-testid="runbook-rule-row" data-id={r.id}>
                <td>
                  <span className="muted">{t(`runbooks.rules.kind.${r.matchKind}`)}:</span>{' '}
                  <span dir="auto">{matchText(r)}</span>
                </td>
                <td className="mono" dir="ltr">
                  {r.runbook}
                </td>
                <td>
                  <Badge tone={r.mode === 'auto' ? 'warning' : 'neutral'}>
                    {t(`runbooks.rules.modes.${r.mode}`)}
                  </Badge>
                </td>
                {canManage && (
                  <td>
                    <div className="form-actions">
                      <Button
                        size="sm"
                        onClick={() => setEditing(r)}
                        data-testid="runbook-rule-edit"
                      >
                        {t('runbooks.rules.edit')}
                      </Button>
                      <Button
                        size="sm"
                        variant="danger"
                        onClick={() => setDeleting(r)}
                        data-testid="runbook-rule-delete"
                      >
                        {t('runbooks.rules.delete')}
                      </Button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </Table>
        )}
        {canManage && !editing && (
          <div className="form-actions">
            <Button
              onClick={() =>
                setEditing({
                  matchKind: 'category',
                  matchValue: INCIDENT_CATEGORIES[0],
                  runbook: '',
                  mode: 'suggest',
                })
              }
              data-testid="runbook-rule-new"
            >
              {t('runbooks.rules.add')}
            </Button>
          </div>
        )}
        {canManage && editing && (
          <RuleForm
            key={editing.id ?? 'new'}
            draft={editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              load();
            }}
          />
        )}
      </div>
      {deleting && (
        <ConfirmDialog
          title={t('runbooks.rules.deleteTitle')}
          body={t('runbooks.rules.deleteBody')}
          confirmLabel={t('runbooks.rules.delete')}
          name={`${deleting.matchValue} → ${deleting.runbook}`}
          onConfirm={async () => {
            await call('runbooks.deleteRule', { id: deleting.id });
          }}
          onDone={() => {
            setDeleting(null);
            load();
          }}
          onClose={() => setDeleting(null)}
          testId="runbook-rule-delete-dialog"
        />
      )}
    </section>
  );
}

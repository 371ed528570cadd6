// The runbook library: every runbook (built-in or imported) with its newest version, the versions of
// the one opened and its YAML, import with every problem shown at its line and field (nothing is
// stored while any remains), export as the YAML that was imported, and the automation rules.
import './runbooks.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunbookValidation } from '../../../shared/ipc/runbookSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';
import { Table } from '../../ui/Table.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';
import { RunbookRulesPanel } from './RunbookRulesPanel.tsx';

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

function ImportPanel({ onImported }: { onImported: (name: string) => void }) {
  const { t } = useTranslation();
  const call = useAppStore((s) => s.runbookCall);
  const [source, setSource] = useState('');
  const [check, setCheck] = useState<RunbookValidation | null>(null);
  const { busy, error, submit } = useSubmission();
  const validate = () => submit(() => call('runbooks.validate', { source }), { onDone: setCheck });
  const store = () =>
    submit(() => call('runbooks.import', { source }), {
      onDone: (detail) => {
        setSource('');
        setCheck(null);
        onImported(detail.name);
      },
    });
  return (
    <section className="card" aria-labelledby="runbook-import-title">
      <h2 id="runbook-import-title" className="card-title">
        {t('runbooks.library.import')}
      </h2>
      <div className="card-body runbook-import">
        <label htmlFor="runbook-source">{t('runbooks.library.paste')}</label>
        <textarea
          id="runbook-source"
          className="runbook-source"
          dir="ltr"
          spellCheck={false}
          rows={12}
          value={source}
          onChange={(e) => {
            setSource(e.target.value);
            setCheck(null);
          }}
          data-testid="runbook-source"
        />
        <label className="runbook-file">
          {t('runbooks.library.file')}{' '}
          <input
            type="file"
            accept=".yaml,.yml"
            onChange={(e) => {
              void e.target.files?.[0]?.text().then((text) => {
                setSource(text);
                setCheck(null);
              });
            }}
          />
        </label>
        {check && !check.isValid && (
          <ul className="runbook-problems" data-testid="runbook-problems" dir="ltr">
            {check.problems.map((p) => (
              <li key={`${p.line}:${p.col}:${p.field}:${p.message}`}>
                <span className="mono">
                  {p.line}:{p.col}
                </span>{' '}
                <strong className="mono">{p.field || t('runbooks.library.document')}</strong>:{' '}
                {p.message}
              </li>
            ))}
          </ul>
        )}
        {check?.isValid && (
          <p data-testid="runbook-valid">
            {t('runbooks.library.valid', {
              name: check.name,
              version: check.version,
              count: check.stepCount ?? 0,
            })}
          </p>
        )}
        {error && <ErrorNotice error={error} testId="runbook-import-error" />}
        <div className="form-actions">
          <Button disabled={!source.trim()} busy={busy} onClick={validate}>
            {t('runbooks.library.validate')}
          </Button>
          <Button
            variant="primary"
            disabled={!check?.isValid}
            busy={busy}
            onClick={store}
            data-testid="runbook-import"
          >
            {t('runbooks.library.store')}
          </Button>
        </div>
      </div>
    </section>
  );
}

function RunbookView({ name }: { name: string }) {
  const { t } = useTranslation();
  const remote = useAppStore((s) => s.runbook);
  const load = useAppStore((s) => s.loadRunbook);
  const call = useAppStore((s) => s.runbookCall);
  const timeZone = useAppStore(selectTimeZone);
  const { error, submit } = useSubmission();
  useEffect(() => {
    void load(name);
  }, [load, name]);
  const detail = remote.data?.name === name ? remote.data : null;
  if (remote.error && !detail)
    return <ErrorNotice error={remote.error} onRetry={() => void load(name)} />;
  if (!detail) return <LoadingBlock />;
  return (
    <section className="card" aria-labelledby="runbook-view-title" data-testid="runbook-view">
      <h2 id="runbook-view-title" className="card-title" dir="auto">
        {detail.title} <span className="mono muted">v{detail.version}</span>
      </h2>
      <div className="card-body">
        <div className="form-actions">
          <label htmlFor="runbook-version">{t('runbooks.library.version')}</label>
          <select
            id="runbook-version"
            value={detail.version}
            onChange={(e) => void load(name, Number(e.target.value))}
          >
            {detail.versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.importedBy}
              </option>
            ))}
          </select>
          <Button
            size="sm"
            onClick={() =>
              submit(() => call('runbooks.export', { name, version: detail.version }), {
                onDone: (file) => download(file.fileName, file.source),
              })
            }
            data-testid="runbook-export"
          >
            {t('runbooks.library.export')}
          </Button>
        </div>
        {error && <ErrorNotice error={error} />}
        <p className="muted">
          {t('runbooks.library.imported', { name: detail.importedBy })}{' '}
          <Timestamp iso={detail.importedAt} timeZone={timeZone} />
        </p>
        <pre className="runbook-output runbook-yaml" dir="ltr" data-testid="runbook-yaml">
          {detail.source}
        </pre>
      </div>
    </section>
  );
}

export function RunbooksPage() {
  const { t } = useTranslation();
  const library = useAppStore((s) => s.runbookLibrary);
  const load = useAppStore((s) => s.loadRunbooks);
  const canManage = useAppStore(selectCan('runbooks.manage'));
  const open = useAppStore((s) => s.runbookOpenName);
  const setOpen = useAppStore((s) => s.openRunbook);
  useEffect(() => {
    void load();
  }, [load]);
  const items = library.data;
  return (
    <div className="page runbooks-page" data-testid="runbooks-page">
      <PageHeader title={t('runbooks.library.title')} subtitle={t('runbooks.library.subtitle')} />
      {library.error && <ErrorNotice error={library.error} onRetry={() => void load()} />}
      {!items && !library.error && <LoadingBlock />}
      {items && items.length === 0 && <EmptyState title={t('runbooks.library.empty')} />}
      {items && items.length > 0 && (
        <Table
          caption={t('runbooks.library.title')}
          head={
            <tr>
              <th scope="col">{t('runbooks.library.name')}</th>
              <th scope="col">{t('runbooks.library.version')}</th>
              <th scope="col">{t('runbooks.library.steps')}</th>
              <th scope="col">{t('runbooks.library.source')}</th>
            </tr>
          }
        >
          {items.map((r) => (
            <tr key={r.name} data-testid="runbook-row" data-name={r.name}>
              <td>
                <button
                  type="button"
                  className="link-btn"
                  onClick={() => setOpen(r.name)}
                  dir="auto"
                >
                  {r.title}
                </button>{' '}
                <span className="mono muted" dir="ltr">
                  {r.name}
                </span>
              </td>
              <td className="mono">
                v{r.version}
                {r.versionCount > 1 && (
                  <span className="muted">
                    {' '}
                    ({t('runbooks.library.versions', { count: r.versionCount })})
                  </span>
                )}
              </td>
              <td>
                {r.stepCount}
                {r.destructiveStepCount > 0 && (
                  <>
                    {' '}
                    <Badge tone="danger">
                      {t('runbooks.library.destructive', { count: r.destructiveStepCount })}
                    </Badge>
                  </>
                )}
              </td>
              <td>
                {r.isBuiltin ? (
                  <Badge tone="accent">{t('runbooks.library.builtin')}</Badge>
                ) : (
                  <span className="muted">{r.importedBy}</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      <div className="runbooks-columns">
        {open && <RunbookView name={open} />}
        {canManage && <ImportPanel onImported={setOpen} />}
      </div>
      <div className="runbooks-rules">
        <RunbookRulesPanel />
      </div>
    </div>
  );
}

// The SLO's enforcement policy: which declared agent action to propose (or run) when its burn-rate
// alerts fire, on which host, behind which approval gate and rate limits. Hosts come from fleet.list
// and actions from the host's own declared list: the console can never invent an action.
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EnforcementPolicy } from '../../../shared/domain/slo/sla.ts';
import type { FleetHost } from '../../../shared/ipc/contract.ts';
import { toApiCallError, type ApiCallError } from '../../api/client.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import type { DeclaredAction } from '../../store/sloSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Checkbox, SelectField, TextField } from '../../ui/Field.tsx';
import { isolate } from '../../i18n/format.ts';
import { formatParams } from './EnforcementActions.tsx';

type Params = EnforcementPolicy['params'];

const DEFAULT_POLICY: EnforcementPolicy = {
  isEnabled: true,
  onSeverity: 'page',
  hostId: 0,
  action: '',
  params: {},
  requiresApproval: true,
  cooldownMinutes: 30,
  maxPerDay: 3,
};

const wholeIn = (text: string, min: number, max: number) =>
  /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

function PolicyFacts({ policy, hostName }: { policy: EnforcementPolicy | null; hostName: string }) {
  const { t } = useTranslation();
  if (!policy)
    return (
      <p className="muted" data-testid="slo-policy-none">
        {t('slo.policy.none')}
      </p>
    );
  return (
    <dl className="facts" data-testid="slo-policy-facts">
      <dt>{t('slo.policy.state')}</dt>
      <dd>{policy.isEnabled ? t('slo.policy.enabled') : t('slo.policy.disabled')}</dd>
      <dt>{t('slo.policy.onSeverity')}</dt>
      <dd>{t(`slo.policy.severity.${policy.onSeverity}`)}</dd>
      <dt>{t('slo.policy.host')}</dt>
      <dd>{hostName}</dd>
      <dt>{t('slo.policy.action')}</dt>
      <dd>
        <span className="mono">{policy.action}</span>{' '}
        <code className="mono muted" dir="ltr">
          {formatParams(policy.params)}
        </code>
      </dd>
      <dt>{t('slo.policy.approval')}</dt>
      <dd>
        {policy.requiresApproval ? t('slo.policy.needsApproval') : t('slo.policy.runsAtOnce')}
      </dd>
      <dt>{t('slo.policy.limits')}</dt>
      <dd>
        {t('slo.policy.limitsValue', { cooldown: policy.cooldownMinutes, max: policy.maxPerDay })}
      </dd>
    </dl>
  );
}

/** A parameter that names a host offers the fleet's hosts, and says at once when the name is not one. */
function hostParamProps(
  refersTo: string | undefined,
  value: Params[string] | undefined,
  hostNames: readonly string[],
  t: TFunction,
) {
  if (refersTo !== 'host') return {};
  const text = value === undefined ? '' : String(value);
  const isUnknown = text !== '' && !hostNames.includes(text);
  return {
    list: 'slo-policy-hosts',
    autoComplete: 'off',
    warning: isUnknown ? t('sloChecks.unknownHost', { host: isolate(text) }) : null,
  };
}

function ParamInputs({
  action,
  hostNames,
  params,
  onChange,
}: {
  action: DeclaredAction | undefined;
  hostNames: readonly string[];
  params: Params;
  onChange: (p: Params) => void;
}) {
  const { t } = useTranslation();
  if (!action || action.params.length === 0) return null;
  return (
    <fieldset className="form-section slo-policy-params">
      <legend>{t('slo.policy.params')}</legend>
      {action.params.map((p) =>
        p.type === 'boolean' ? (
          <Checkbox
            key={p.name}
            label={p.name}
            checked={params[p.name] === true}
            onChange={(e) => onChange({ ...params, [p.name]: e.target.checked })}
          />
        ) : p.enum ? (
          <SelectField
            key={p.name}
            label={p.required ? p.name : t('slo.policy.optional', { name: p.name })}
            dir="ltr"
            value={params[p.name] === undefined ? '' : String(params[p.name])}
            onChange={(e) => {
              const next = { ...params };
              if (e.target.value === '') delete next[p.name];
              else next[p.name] = e.target.value;
              onChange(next);
            }}
            data-testid={`slo-policy-param-${p.name}`}
          >
            <option value="">{t('slo.policy.choose')}</option>
            {p.enum.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            key={p.name}
            label={p.required ? p.name : t('slo.policy.optional', { name: p.name })}
            dir="ltr"
            inputMode={p.type === 'integer' ? 'numeric' : undefined}
            value={params[p.name] === undefined ? '' : String(params[p.name])}
            {...hostParamProps(p.refersTo, params[p.name], hostNames, t)}
            hint={
              p.type === 'integer' && p.min !== undefined && p.max !== undefined
                ? t('slo.policy.range', { min: p.min, max: p.max })
                : undefined
            }
            onChange={(e) => {
              const raw = e.target.value;
              const next = { ...params };
              if (raw === '') delete next[p.name];
              else next[p.name] = p.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
              onChange(next);
            }}
            data-testid={`slo-policy-param-${p.name}`}
          />
        ),
      )}
      <datalist id="slo-policy-hosts" aria-label={t('sloChecks.knownHosts')}>
        {hostNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </fieldset>
  );
}

function PolicyForm({
  name,
  initial,
  hosts,
  onDone,
}: {
  name: string;
  initial: EnforcementPolicy | null;
  hosts: FleetHost[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const fetchActions = useAppStore((s) => s.fetchHostActions);
  const setPolicy = useAppStore((s) => s.setSloPolicy);
  const [draft, setDraft] = useState<EnforcementPolicy>(
    initial ?? { ...DEFAULT_POLICY, hostId: hosts[0]?.id ?? 0 },
  );
  const [cooldown, setCooldown] = useState(String(draft.cooldownMinutes));
  const [maxPerDay, setMaxPerDay] = useState(String(draft.maxPerDay));
  const [actions, setActions] = useState<DeclaredAction[] | null>(null);
  const [actionsError, setActionsError] = useState<ApiCallError | null>(null);
  const { busy, error, submit } = useSubmission();

  useEffect(() => {
    if (!draft.hostId) return;
    let live = true;
    setActions(null);
    setActionsError(null);
    fetchActions(draft.hostId).then(
      (list) => live && setActions(list),
      (thrown: unknown) => live && setActionsError(toApiCallError(thrown)),
    );
    return () => {
      live = false;
    };
  }, [draft.hostId, fetchActions]);

  const patch = (p: Partial<EnforcementPolicy>) => setDraft((d) => ({ ...d, ...p }));
  const cooldownError = wholeIn(cooldown, 0, 1440) ? null : t('slo.policy.cooldownRange');
  const maxError = wholeIn(maxPerDay, 1, 100) ? null : t('slo.policy.maxRange');
  const actionError = draft.action ? null : t('slo.policy.pickAction');
  const save = () => {
    if (cooldownError || maxError || actionError || !draft.hostId) return;
    submit(
      () =>
        setPolicy(name, {
          ...draft,
          cooldownMinutes: Number(cooldown),
          maxPerDay: Number(maxPerDay),
        }),
      { onDone },
    );
  };
  const declared = actions?.find((a) => a.name === draft.action);

  return (
    <form
      className="form slo-policy-form"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      data-testid="slo-policy-form"
    >
      <Checkbox
        label={t('slo.policy.enabled')}
        checked={draft.isEnabled}
        onChange={(e) => patch({ isEnabled: e.target.checked })}
      />
      <div className="form-row">
        <SelectField
          label={t('slo.policy.onSeverity')}
          value={draft.onSeverity}
          onChange={(e) => patch({ onSeverity: e.target.value as EnforcementPolicy['onSeverity'] })}
        >
          {(['page', 'ticket', 'any'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`slo.policy.severity.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('slo.policy.host')}
          value={draft.hostId || ''}
          onChange={(e) => patch({ hostId: Number(e.target.value), action: '', params: {} })}
          data-testid="slo-policy-host"
        >
          {hosts.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('slo.policy.action')}
          value={draft.action}
          error={actions && actionError}
          onChange={(e) => patch({ action: e.target.value, params: {} })}
          disabled={!actions}
          data-testid="slo-policy-action"
        >
          <option value="">{actions ? t('slo.policy.chooseAction') : t('common.loading')}</option>
          {(actions ?? []).map((a) => (
            <option key={a.name} value={a.name}>
              {a.name}
            </option>
          ))}
        </SelectField>
      </div>
      {actionsError && <ErrorNotice error={actionsError} />}
      {actions?.length === 0 && <p className="muted">{t('slo.policy.noActions')}</p>}
      {declared?.description && <p className="form-note">{declared.description}</p>}
      <ParamInputs
        action={declared}
        hostNames={hosts.map((h) => h.name)}
        params={draft.params}
        onChange={(params) => patch({ params })}
      />
      <Checkbox
        label={t('slo.policy.needsApproval')}
        checked={draft.requiresApproval}
        onChange={(e) => patch({ requiresApproval: e.target.checked })}
        data-testid="slo-policy-approval"
      />
      <div className="form-row">
        <TextField
          label={t('slo.policy.cooldown')}
          inputMode="numeric"
          dir="ltr"
          value={cooldown}
          error={cooldownError}
          onChange={(e) => setCooldown(e.target.value)}
        />
        <TextField
          label={t('slo.policy.maxPerDay')}
          inputMode="numeric"
          dir="ltr"
          value={maxPerDay}
          error={maxError}
          onChange={(e) => setMaxPerDay(e.target.value)}
        />
      </div>
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        {initial && (
          <Button
            variant="danger"
            disabled={busy}
            onClick={() => submit(() => setPolicy(name, null), { onDone })}
            data-testid="slo-policy-remove"
          >
            {t('slo.policy.remove')}
          </Button>
        )}
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={Boolean(cooldownError || maxError || actionError)}
          data-testid="slo-policy-save"
        >
          {t('slo.policy.save')}
        </Button>
      </div>
    </form>
  );
}

export function PolicyEditor({
  name,
  policy,
  canManage,
}: {
  name: string;
  policy: EnforcementPolicy | null;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const fetchHosts = useAppStore((s) => s.fetchPolicyHosts);
  const [editing, setEditing] = useState(false);
  const [hosts, setHosts] = useState<FleetHost[] | null>(null);
  const [hostsError, setHostsError] = useState<ApiCallError | null>(null);

  // Once per policy added or editor opened: the detail's refreshes bring a new policy object each time.
  const hasPolicy = policy !== null;
  useEffect(() => {
    if (!hasPolicy && !editing) return;
    let live = true;
    fetchHosts().then(
      (list) => live && setHosts(list.filter((h) => h.state !== 'revoked')),
      (thrown: unknown) => live && setHostsError(toApiCallError(thrown)),
    );
    return () => {
      live = false;
    };
  }, [hasPolicy, editing, fetchHosts]);

  const hostName =
    hosts?.find((h) => h.id === policy?.hostId)?.name ?? (policy ? `#${policy.hostId}` : '');
  return (
    <div className="slo-policy" data-testid="slo-policy">
      {hostsError && <ErrorNotice error={hostsError} />}
      {editing && hosts ? (
        hosts.length === 0 ? (
          <p className="muted">{t('slo.policy.noHosts')}</p>
        ) : (
          <PolicyForm name={name} initial={policy} hosts={hosts} onDone={() => setEditing(false)} />
        )
      ) : (
        <>
          <PolicyFacts policy={policy} hostName={hostName} />
          {canManage && !editing && (
            <Button size="sm" onClick={() => setEditing(true)} data-testid="slo-policy-edit">
              {policy ? t('slo.policy.edit') : t('slo.policy.add')}
            </Button>
          )}
        </>
      )}
    </div>
  );
}

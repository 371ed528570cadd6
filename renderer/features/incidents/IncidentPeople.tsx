// Who works the incident: the command roles (a hand-off goes on the timeline) and the
// cross-functional team. Commanders change them; everyone else sees them.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_ROLES,
  TEAM_FUNCTIONS,
  type IncidentRole,
  type TeamFunction,
} from '../../../shared/domain/incidents/index.ts';
import type { IncidentDetail } from '../../../shared/ipc/contract.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan } from '../../store/sessionSlice.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';

const USERNAME = /^\S{1,64}$/;

/** The latest holder of each role (an assignment replaces the one before it). */
function holders(incident: IncidentDetail): Partial<Record<IncidentRole, string>> {
  const byRole: Partial<Record<IncidentRole, { username: string; at: string }>> = {};
  for (const r of incident.roles) {
    const seen = byRole[r.role];
    if (!seen || seen.at <= r.assignedAt)
      byRole[r.role] = { username: r.username, at: r.assignedAt };
  }
  return Object.fromEntries(Object.entries(byRole).map(([k, v]) => [k, v.username]));
}

function HandOff({ incident, role }: { incident: IncidentDetail; role: IncidentRole }) {
  const { t } = useTranslation();
  const assign = useAppStore((s) => s.assignIncidentRole);
  const { busy, error, submit } = useSubmission();
  const [username, setUsername] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (!USERNAME.test(name)) return;
    submit(() => assign({ id: incident.id, role, username: name }), {
      onDone: () => setUsername(''),
    });
  };
  return (
    <form className="incident-inline-form" onSubmit={onSubmit}>
      <input
        className="input input-sm"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        placeholder={t('incidents.people.username')}
        aria-label={t('incidents.people.handOffTo', { role: t(`incidents.roles.${role}`) })}
        dir="ltr"
        data-testid="incident-role-username"
        data-role={role}
      />
      <Button size="sm" type="submit" busy={busy} disabled={!USERNAME.test(username.trim())}>
        {t('incidents.people.handOff')}
      </Button>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

function AddMember({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const setMember = useAppStore((s) => s.setIncidentTeamMember);
  const { busy, error, submit } = useSubmission();
  const [username, setUsername] = useState('');
  const [fn, setFn] = useState<TeamFunction>('platform_operator');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const name = username.trim();
    if (!USERNAME.test(name)) return;
    submit(() => setMember({ id: incident.id, username: name, function: fn }), {
      onDone: () => setUsername(''),
    });
  };
  return (
    <form className="incident-inline-form" onSubmit={onSubmit}>
      <input
        className="input input-sm"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        placeholder={t('incidents.people.username')}
        aria-label={t('incidents.people.username')}
        dir="ltr"
        data-testid="incident-team-username"
      />
      <select
        className="input input-sm select"
        value={fn}
        onChange={(e) => setFn(e.target.value as TeamFunction)}
        aria-label={t('incidents.people.function')}
        data-testid="incident-team-function"
      >
        {TEAM_FUNCTIONS.map((f) => (
          <option key={f} value={f}>
            {t(`incidents.functions.${f}`)}
          </option>
        ))}
      </select>
      <Button size="sm" type="submit" busy={busy} disabled={!USERNAME.test(username.trim())}>
        {t('incidents.people.add')}
      </Button>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}

function RemoveMember({ incident, username }: { incident: IncidentDetail; username: string }) {
  const { t } = useTranslation();
  const setMember = useAppStore((s) => s.setIncidentTeamMember);
  const { busy, error, submit } = useSubmission();
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        busy={busy}
        onClick={() => submit(() => setMember({ id: incident.id, username, function: null }))}
        aria-label={t('incidents.people.removeNamed', { username })}
      >
        {t('incidents.people.remove')}
      </Button>
      {error && <ErrorNotice error={error} />}
    </>
  );
}

export function IncidentPeople({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const canCommand = useAppStore(selectCan('incidents.command'));
  const current = holders(incident);
  return (
    <section className="incident-panel" aria-labelledby="incident-people-heading">
      <h2 id="incident-people-heading" className="panel-subtitle">
        {t('incidents.sections.roles')}
      </h2>
      <dl className="incident-roles">
        {INCIDENT_ROLES.map((role) => (
          <div key={role} data-testid="incident-role" data-role={role}>
            <dt>{t(`incidents.roles.${role}`)}</dt>
            <dd>
              <span dir="ltr" data-testid="incident-role-holder">
                {current[role] ?? <span className="muted">{t('incidents.people.unassigned')}</span>}
              </span>
              {canCommand && <HandOff incident={incident} role={role} />}
            </dd>
          </div>
        ))}
      </dl>
      <h2 className="panel-subtitle">{t('incidents.sections.team')}</h2>
      {incident.team.length === 0 ? (
        <p className="muted">{t('incidents.people.noTeam')}</p>
      ) : (
        <ul className="incident-team">
          {incident.team.map((member) => (
            <li key={member.username} data-testid="incident-team-member">
              <span dir="ltr">{member.username}</span>
              <span className="muted">{t(`incidents.functions.${member.function}`)}</span>
              {canCommand && <RemoveMember incident={incident} username={member.username} />}
            </li>
          ))}
        </ul>
      )}
      {canCommand && <AddMember incident={incident} />}
    </section>
  );
}

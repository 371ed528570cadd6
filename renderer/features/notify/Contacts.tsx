// E-mail contacts: every operator keeps their own address; notify.manage edits anyone's in a table.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/ipc/contract.ts';
import { toApiCallError } from '../../api/client.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorNotice, useErrorText } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Table } from '../../ui/Table.tsx';
import * as rules from './notifyRules.ts';

/** The signed-in operator's own address. */
export function MyAddress({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const setContact = useAppStore((s) => s.setNotifyContact);
  const toast = useAppStore((s) => s.pushToast);
  const { busy, error, submit } = useSubmission();
  const [email, setEmail] = useState(contact.email ?? '');
  const problem = rules.email(email);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    submit(() => setContact(contact.username, email.trim()), {
      onDone: () => toast('success', t('notify.myAddress.saved')),
    });
  };
  const onRemove = () =>
    submit(() => setContact(contact.username, null), {
      onDone: () => {
        setEmail('');
        toast('success', t('notify.myAddress.removed'));
      },
    });

  return (
    <form
      className="form form-narrow form-section-card"
      onSubmit={onSubmit}
      noValidate
      data-testid="notify-my-address"
    >
      <h3 className="form-card-title">{t('notify.myAddress.title')}</h3>
      <TextField
        type="email"
        label={t('notify.myAddress.label')}
        hint={t('notify.myAddress.hint')}
        value={email}
        dir="ltr"
        autoComplete="email"
        onChange={(e) => setEmail(e.target.value)}
        error={email && problem ? t(problem) : null}
        data-testid="notify-my-email"
      />
      {error && <ErrorNotice error={error} />}
      <div className="form-actions">
        {contact.email && (
          <Button variant="ghost" busy={busy} onClick={onRemove} data-testid="notify-my-remove">
            {t('notify.myAddress.remove')}
          </Button>
        )}
        <Button
          type="submit"
          variant="primary"
          busy={busy}
          disabled={problem !== null || email.trim() === (contact.email ?? '')}
          data-testid="notify-my-save"
        >
          {t('notify.myAddress.save')}
        </Button>
      </div>
    </form>
  );
}

function ContactRow({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const setContact = useAppStore((s) => s.setNotifyContact);
  const toast = useAppStore((s) => s.pushToast);
  const errorText = useErrorText();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = draft === null || draft.trim() === '' ? null : rules.email(draft);

  const save = () => {
    if (draft === null || problem) return;
    setBusy(true);
    setContact(contact.username, draft.trim() || null).then(
      () => {
        setBusy(false);
        setDraft(null);
        toast('success', t('notify.contacts.saved', { name: contact.displayName }));
      },
      (thrown: unknown) => {
        setBusy(false);
        toast('error', errorText(toApiCallError(thrown)));
      },
    );
  };

  return (
    <tr
      data-testid="notify-contact-row"
      data-username={contact.username}
      className={contact.isDisabled ? 'is-disabled' : undefined}
    >
      <td className="mono" dir="ltr">
        {contact.username}
      </td>
      <td>
        {contact.displayName}
        {contact.isDisabled && (
          <>
            {' '}
            <Badge tone="danger">{t('notify.contacts.disabled')}</Badge>
          </>
        )}
      </td>
      <td>
        {draft === null ? (
          contact.email ? (
            <span className="mono" dir="ltr">
              {contact.email}
            </span>
          ) : (
            <span className="muted">{t('notify.contacts.none')}</span>
          )
        ) : (
          <input
            className="input input-sm"
            type="email"
            dir="ltr"
            value={draft}
            aria-label={t('notify.contacts.editFor', { name: contact.displayName })}
            aria-invalid={problem ? true : undefined}
            title={problem ? t(problem) : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
              if (e.key === 'Escape') setDraft(null);
            }}
            data-testid="notify-contact-input"
          />
        )}
      </td>
      <td className="cell-actions">
        {draft === null ? (
          <Button
            size="sm"
            onClick={() => setDraft(contact.email ?? '')}
            data-testid="notify-contact-edit"
          >
            {t('notify.contacts.edit')}
          </Button>
        ) : (
          <>
            <Button size="sm" variant="ghost" onClick={() => setDraft(null)}>
              {t('notify.contacts.cancel')}
            </Button>
            <Button
              size="sm"
              variant="primary"
              busy={busy}
              disabled={problem !== null}
              onClick={save}
              data-testid="notify-contact-save"
            >
              {t('notify.contacts.save')}
            </Button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Every operator's address (notify.manage). */
export function ContactsTable({ contacts }: { contacts: Contact[] }) {
  const { t } = useTranslation();
  return (
    <section data-testid="notify-contacts">
      <h3>{t('notify.contacts.title')}</h3>
      {contacts.length === 0 ? (
        <EmptyState title={t('notify.contacts.empty')} />
      ) : (
        <Table
          caption={t('notify.contacts.title')}
          head={
            <tr>
              <th>{t('notify.contacts.username')}</th>
              <th>{t('notify.contacts.name')}</th>
              <th>{t('notify.contacts.email')}</th>
              <th>
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          }
        >
          {contacts.map((contact) => (
            <ContactRow key={contact.username} contact={contact} />
          ))}
        </Table>
      )}
    </section>
  );
}

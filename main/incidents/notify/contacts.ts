// Operators' e-mail contacts: where a page reaches someone who is away from the console.
import type { Contact } from '../../../shared/ipc/notifySchemas.ts';
import { all, get, run, sql } from '../../store/sql.ts';
import type { ReadableDb, WritableDb } from '../../store/types.ts';

type ContactRow = {
  username: string;
  display_name: string;
  disabled: number;
  email: string | null;
};

const rowToContact = (row: ContactRow): Contact => ({
  username: row.username,
  displayName: row.display_name,
  email: row.email,
  isDisabled: row.disabled === 1,
});

export function listContacts(db: ReadableDb): Contact[] {
  return all<ContactRow>(
    db,
    sql`SELECT o.username, o.display_name, o.disabled, c.email
        FROM operators o LEFT JOIN notify_contacts c ON c.username = o.username
        ORDER BY o.username`,
  ).map(rowToContact);
}

export function findContact(db: ReadableDb, username: string): Contact | null {
  const row = get<ContactRow>(
    db,
    sql`SELECT o.username, o.display_name, o.disabled, c.email
        FROM operators o LEFT JOIN notify_contacts c ON c.username = o.username
        WHERE o.username = ${username}`,
  );
  return row ? rowToContact(row) : null;
}

export function setContactEmail(
  db: WritableDb,
  username: string,
  email: string | null,
  by: string,
  nowMs: number,
): void {
  if (email === null) {
    run(db, sql`DELETE FROM notify_contacts WHERE username = ${username}`);
    return;
  }
  run(
    db,
    sql`INSERT INTO notify_contacts (username, email, updated_at, updated_by)
        VALUES (${username}, ${email}, ${nowMs}, ${by})
        ON CONFLICT (username) DO UPDATE SET email = excluded.email,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
}

/** The addresses of the named operators who are enabled and have one, and who of them has none. */
export function addressesOf(
  db: ReadableDb,
  usernames: readonly string[],
): { addresses: string[]; missing: string[] } {
  const addresses: string[] = [];
  const missing: string[] = [];
  for (const username of usernames) {
    const contact = findContact(db, username);
    if (contact?.email && !contact.isDisabled) {
      if (!addresses.includes(contact.email)) addresses.push(contact.email);
    } else missing.push(username);
  }
  return { addresses, missing };
}

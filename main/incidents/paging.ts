// What escalation hands to notification delivery: one page to some people about one incident.
// Escalation decides who and when; delivery (console, OS, SMTP, webhook) decides how.
import type { Priority } from '../../shared/domain/incidents/index.ts';

export interface Page {
  incidentId: number;
  title: string;
  priority: Priority;
  /** The operators paged (their usernames). */
  usernames: string[];
  /** The escalation tier (1 = first responders), or 0 for a warning or a manual page. */
  tier: number;
  /** One line for the alert bar, the mail subject and the chat message. */
  text: string;
  atMs: number;
}

export interface Pager {
  /** Records and delivers a page; never throws for a failed channel (failures are retried and shown). */
  page(page: Page): void;
}

// The desktop's OS notification for a page, shown when the console's window is not in front. The
// mapping from a page to its title and body is pure; main.ts supplies Electron's Notification.
import type { EventPayload } from '../../shared/ipc/contract.ts';
import type { ConsoleApp } from '../api/types.ts';

export type PagedEvent = EventPayload<'incidents.paged'>;
export type OsLanguage = 'en' | 'ar';

export interface OsNotification {
  title: string;
  body: string;
}

const TITLE_MAX = 120;
const BODY_MAX = 300;

function plain(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- reason: a notification is one plain line per field.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The OS's language decides (the main process cannot see the renderer's choice). */
export const osLanguageOf = (locale: string): OsLanguage =>
  locale.toLowerCase().startsWith('ar') ? 'ar' : 'en';

export function pageNotification(page: PagedEvent, language: OsLanguage): OsNotification {
  const names = page.usernames.join('، ');
  if (language === 'ar') {
    const why = page.tier > 0 ? `استدعاء المستوى ${page.tier}` : 'تنبيه مبكر';
    return {
      title: plain(`حادثة ${page.priority} رقم ${page.incidentId}: ${why}`, TITLE_MAX),
      body: plain(`${page.title} — تم استدعاء: ${names || 'لا أحد'}`, BODY_MAX),
    };
  }
  const why = page.tier > 0 ? `tier ${page.tier} page` : 'warning';
  return {
    title: plain(`${page.priority} incident #${page.incidentId}: ${why}`, TITLE_MAX),
    body: plain(`${page.title} — paged: ${page.usernames.join(', ') || 'nobody'}`, BODY_MAX),
  };
}

/** Shows each page as an OS notification while isWanted() (the window is not focused); returns stop. */
export function showPagesOnDesktop(
  consoleApp: Pick<ConsoleApp, 'onEvent'>,
  options: {
    language: OsLanguage;
    isWanted: () => boolean;
    show: (notification: OsNotification, page: PagedEvent) => void;
  },
): () => void {
  return consoleApp.onEvent((event, payload) => {
    if (event !== 'incidents.paged' || !options.isWanted()) return;
    const page = payload as PagedEvent;
    options.show(pageNotification(page, options.language), page);
  });
}

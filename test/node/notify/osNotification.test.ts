// The desktop's OS notification for a page: what it says in English and Arabic, and that it shows
// only while the console's window is not in front.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../main/core/events.ts';
import {
  osLanguageOf,
  pageNotification,
  showPagesOnDesktop,
  type OsNotification,
  type PagedEvent,
} from '../../../main/shell/osNotifications.ts';

const page: PagedEvent = {
  incidentId: 42,
  title: 'llama-3-8b availability burning',
  priority: 'P1',
  usernames: ['amal', 'omar'],
  tier: 1,
  at: '2026-11-26T06:00:00.000Z',
};

describe('the OS notification for a page', () => {
  it('names the priority, incident and tier, then the title and who is paged', () => {
    expect(pageNotification(page, 'en')).toEqual({
      title: 'P1 incident #42: tier 1 page',
      body: 'llama-3-8b availability burning — paged: amal, omar',
    });
    expect(pageNotification(page, 'ar')).toEqual({
      title: 'حادثة P1 رقم 42: استدعاء المستوى 1',
      body: 'llama-3-8b availability burning — تم استدعاء: amal، omar',
    });
  });

  it('a warning (tier 0) says so, and a page to nobody says that too', () => {
    expect(pageNotification({ ...page, tier: 0, usernames: [] }, 'en')).toEqual({
      title: 'P1 incident #42: warning',
      body: 'llama-3-8b availability burning — paged: nobody',
    });
    expect(pageNotification({ ...page, tier: 0 }, 'ar').title).toBe('حادثة P1 رقم 42: تنبيه مبكر');
  });

  it('keeps a hostile or endless title to one plain, bounded line', () => {
    const { body } = pageNotification(
      { ...page, title: `<b>x</b>\r\n\u0007${'long '.repeat(200)}` },
      'en',
    );
    expect(body.startsWith('<b>x</b> long long')).toBe(true);
    expect([...body].some((c) => c < ' ')).toBe(false);
    expect(body.length).toBeLessThanOrEqual(300);
    expect(body.endsWith('…')).toBe(true);
  });

  it("follows the OS's language: Arabic locales in Arabic, any other in English", () => {
    expect(['ar', 'ar-AE', 'AR-sa', 'en-US', 'fr', ''].map(osLanguageOf)).toEqual([
      'ar',
      'ar',
      'ar',
      'en',
      'en',
      'en',
    ]);
  });

  it('shows pages only while the window is not focused, and nothing else', () => {
    const events = new EventBus();
    let isFocused = true;
    const shown: OsNotification[] = [];
    const stop = showPagesOnDesktop(
      { onEvent: (listener) => events.on(listener) },
      { language: 'en', isWanted: () => !isFocused, show: (n) => shown.push(n) },
    );
    events.emit('incidents.paged', page);
    isFocused = false;
    events.emit('notify.changed', { deliveryIds: [1] });
    events.emit('incidents.paged', { ...page, incidentId: 43 });
    stop();
    events.emit('incidents.paged', { ...page, incidentId: 44 });
    expect(shown.map((n) => n.title)).toEqual(['P1 incident #43: tier 1 page']);
  });
});

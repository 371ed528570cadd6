// What a page says outside the console: a plain-text mail (English, then Arabic) and a chat line for
// Mattermost or Rocket.Chat. Free text (titles) is made inert: no header breaks, no mentions or links.
import type { Page } from '../paging.ts';

export interface PageContext {
  siteName: string;
  timeZone: string;
  isDrill: boolean;
}

export interface OutgoingMessage {
  subject: string;
  /** The mail's plain-text body. */
  text: string;
  /** The webhook's JSON body: `{ "text": … }`. */
  json: string;
}

const SUBJECT_MAX = 200;
const LINE_MAX = 1000;

/** One line of text: control characters (CR/LF included, so no header can be injected) become spaces. */
export function oneLine(text: string, max = LINE_MAX): string {
  // eslint-disable-next-line no-control-regex -- reason: stripping control characters is the point.
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Chat markdown made literal: formatting and link syntax escaped, @mentions (@channel, @all) broken. */
export function inertMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_~[\]()#>|<!]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b');
}

function tierText(tier: number): { en: string; ar: string } {
  return tier > 0
    ? { en: `tier ${tier}`, ar: `المستوى ${tier}` }
    : { en: 'warning', ar: 'تنبيه مبكر' };
}

function siteTime(atMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(atMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} (${timeZone})`;
}

export function pageMessage(page: Page, context: PageContext): OutgoingMessage {
  const title = oneLine(page.title, 300);
  const line = oneLine(page.text);
  const site = oneLine(context.siteName, 120) || 'Mirqab';
  const tier = tierText(page.tier);
  const names = page.usernames.join(', ');
  const drill = context.isDrill ? { en: 'DRILL ', ar: 'تمرين: ' } : { en: '', ar: '' };
  const when = siteTime(page.atMs, context.timeZone);
  const subject = oneLine(
    `[Mirqab] ${drill.en}${page.priority} incident #${page.incidentId}: ${title}`,
    SUBJECT_MAX,
  );
  const text = [
    `${drill.en}${page.priority} incident #${page.incidentId} at ${site}: ${title}`,
    line,
    `Paged: ${names} (${tier.en})`,
    `Time: ${when}`,
    'Open Mirqab to acknowledge the incident.',
    '',
    `${drill.ar}حادثة ${page.priority} رقم ${page.incidentId} في ${site}: ${title}`,
    `تم استدعاء: ${names} (${tier.ar})`,
    `الوقت: ${when}`,
    'افتح مرقاب للإقرار بالحادثة.',
    '',
  ].join('\n');
  const chat = [
    `**${drill.en}${page.priority} incident #${page.incidentId}** at ${inertMarkdown(site)}: ${inertMarkdown(title)}`,
    inertMarkdown(line),
    `Paged: ${inertMarkdown(names)} (${tier.en}) · ${when}`,
  ].join('\n');
  return { subject, text, json: JSON.stringify({ text: chat }) };
}

/** A test through one channel, so an admin sees the relay or chat server accept a message. */
export function testMessage(
  context: { siteName: string; timeZone: string },
  by: string,
  atMs: number,
) {
  const site = oneLine(context.siteName, 120) || 'Mirqab';
  const when = siteTime(atMs, context.timeZone);
  const subject = oneLine(`[Mirqab] Test message from ${site}`, SUBJECT_MAX);
  const text = [
    `This is a test of Mirqab's notifications at ${site}, sent by ${by} at ${when}.`,
    'Pages about incidents will arrive the same way.',
    '',
    `هذه رسالة تجريبية من إشعارات مرقاب في ${site}، أرسلها ${by} في ${when}.`,
    'ستصل رسائل الاستدعاء الخاصة بالحوادث بالطريقة نفسها.',
    '',
  ].join('\n');
  const chat = `Test message from Mirqab at ${inertMarkdown(site)}, sent by ${inertMarkdown(by)} · ${when}`;
  return { subject, text, json: JSON.stringify({ text: chat }) } satisfies OutgoingMessage;
}

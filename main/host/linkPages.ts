// The pages a browser sees before it holds a console session: a sign-in link that was already used,
// has expired or is not valid, and a visit without any link. One self-contained page in English and
// Arabic that says what to do next; its only style is allowed by hash, so nothing else can run.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export type LinkProblem = 'used-or-expired' | 'no-link';

interface PageText {
  lang: 'en' | 'ar';
  dir: 'ltr' | 'rtl';
  title: Record<LinkProblem, string>;
  why: Record<LinkProblem, string>;
  steps: string[];
}

const TEXT: PageText[] = [
  {
    lang: 'en',
    dir: 'ltr',
    title: {
      'used-or-expired': 'This sign-in link can no longer be used',
      'no-link': 'Open the console with a sign-in link',
    },
    why: {
      'used-or-expired':
        'Each sign-in link opens the console once, within five minutes. This one was already used, has expired or is not valid.',
      'no-link':
        'This browser has no console session. The console opens only through a one-time sign-in link.',
    },
    steps: [
      'If this browser is already signed in, go back to the tab where the console is open.',
      'Otherwise ask an administrator who is signed in for a new link: Settings → Sessions → Issue a sign-in link.',
      'On the machine that runs the console, run <code>mirqab serve link</code> (or press Enter in the terminal of <code>mirqab serve</code>).',
    ],
  },
  {
    lang: 'ar',
    dir: 'rtl',
    title: {
      'used-or-expired': 'لم يعد رابط تسجيل الدخول هذا صالحًا',
      'no-link': 'افتح وحدة التحكم برابط تسجيل دخول',
    },
    why: {
      'used-or-expired':
        'يفتح كل رابط تسجيل دخول وحدة التحكم مرة واحدة خلال خمس دقائق. وقد سبق استخدام هذا الرابط أو انتهت صلاحيته أو أنه غير صالح.',
      'no-link':
        'لا توجد لهذا المتصفح جلسة في وحدة التحكم، ولا تُفتح وحدة التحكم إلا برابط تسجيل دخول لمرة واحدة.',
    },
    steps: [
      'إن كان هذا المتصفح قد سجّل الدخول، فارجع إلى علامة التبويب المفتوحة فيها وحدة التحكم.',
      'وإلا فاطلب رابطًا جديدًا من مسؤول مسجّل الدخول: الإعدادات ← الجلسات ← إصدار رابط تسجيل دخول.',
      'على الجهاز الذي يشغّل وحدة التحكم، نفّذ <bdi><code>mirqab serve link</code></bdi> (أو اضغط Enter في طرفية <bdi><code>mirqab serve</code></bdi>).',
    ],
  },
];

const STYLE = `
:root { color-scheme: light dark; --bg: #f5f7fa; --card: #ffffff; --text: #1b2430; --muted: #5b6675; --accent: #0b6e99; --border: #d9dee5; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f141a; --card: #18202a; --text: #e6ebf1; --muted: #9aa6b5; --accent: #4fb3e0; --border: #2a3441; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: var(--bg); color: var(--text); font: 15px/1.55 system-ui, "Segoe UI", "Noto Sans Arabic", sans-serif; padding: 24px; }
main { max-width: 640px; width: 100%; display: grid; gap: 16px; }
.brand { font-weight: 600; color: var(--accent); letter-spacing: 0.02em; }
section { background: var(--card); border: 1px solid var(--border); border-radius: 10px; padding: 20px 24px; }
h1 { font-size: 1.2rem; margin: 0 0 8px; }
p { margin: 0 0 12px; color: var(--muted); }
ol { margin: 0; padding-inline-start: 1.4em; }
li { margin: 4px 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** Nothing but the page's own style: no scripts, no connections, no framing. */
export const LINK_PAGE_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;

function section(text: PageText, problem: LinkProblem): string {
  const steps = text.steps.map((step) => `<li>${step}</li>`).join('');
  return `<section lang="${text.lang}" dir="${text.dir}" data-testid="link-page-${text.lang}"><h1>${text.title[problem]}</h1><p>${text.why[problem]}</p><ol>${steps}</ol></section>`;
}

export function linkPageHtml(problem: LinkProblem): string {
  const english = TEXT[0]!;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Mirqab — ${english.title[problem]}</title><style>${STYLE}</style></head><body><main><div class="brand">Mirqab · مرقاب</div>${TEXT.map((t) => section(t, problem)).join('')}</main></body></html>`;
}

/** Answers with the page (401: the request carries no usable credential). */
export function sendLinkPage(res: ServerResponse, problem: LinkProblem, isHead: boolean): void {
  res.setHeader('Content-Security-Policy', LINK_PAGE_CSP);
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(isHead ? undefined : linkPageHtml(problem));
}

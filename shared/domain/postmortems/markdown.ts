// The one Markdown renderer postmortems use, in the console's preview and in every export, with the
// one link and image policy. markdown-it escapes raw HTML (html: false), so no tag, script or event
// handler survives; links may only be relative, in-page (#…) or mailto:, and images only inline
// data: URLs of raster types. The console is offline: nothing rendered here may reach the network.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Markdown } from 'markdown-it';

/** HTML that came out of renderMarkdown: the only thing the UI may put into the page as markup. */
export interface SanitisedHtml {
  readonly __html: string;
}

const RASTER_DATA_URL = /^data:image\/(?:png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Browsers ignore ASCII whitespace and control characters inside a URL's scheme (`java\tscript:`), so
 * they are removed before the scheme is read; markdown-it has already decoded entities (`&#x61;`) and
 * percent-encoded what it normalised.
 */
function canonical(url: string): string {
  // Percent escapes are decoded first (`java%09script:`), so no spelling of a scheme slips past.
  const decoded = url.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
  // reason: matching control characters is the point: they are what hides a scheme.
  // eslint-disable-next-line no-control-regex
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]+/g, '');
}

/** A link target the console may show: relative, in-page or mailto:, never another scheme or host. */
export function isAllowedLink(url: string): boolean {
  const clean = canonical(url);
  if (clean === '') return false;
  // A network-path reference (//host/…, \\host) leaves the console like an absolute URL.
  if (/^[/\\]{2}/.test(clean)) return false;
  const scheme = SCHEME.exec(clean)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === 'mailto';
}

/** An image source the console may load: only inline raster data (no SVG, no file, no network). */
export function isAllowedImage(url: string): boolean {
  return RASTER_DATA_URL.test(canonical(url));
}

function createRenderer(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  // Let markdown-it parse every destination; the policy below decides what each one becomes.
  md.validateLink = () => true;
  md.core.ruler.push('mirqab_link_policy', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      const children: typeof block.children = [];
      const dropped: boolean[] = [];
      for (const token of block.children) {
        if (token.type === 'link_open') {
          const isKept = isAllowedLink(String(token.attrGet('href') ?? ''));
          dropped.push(!isKept);
          if (isKept) {
            token.attrSet('rel', 'noopener noreferrer');
            children.push(token);
          }
        } else if (token.type === 'link_close') {
          if (dropped.pop() !== true) children.push(token);
        } else if (token.type === 'image' && !isAllowedImage(String(token.attrGet('src') ?? ''))) {
          // Shown as its description, so the reader knows an image was left out.
          const text = new state.Token('text', '', 0);
          const alt = token.children?.map((c) => String(c.content)).join('') ?? '';
          text.content = `[${alt || 'image'}]`;
          children.push(text);
        } else {
          children.push(token);
        }
      }
      block.children = children;
    }
  });
  return md;
}

let renderer: Markdown | null = null;

export function renderMarkdown(text: string): SanitisedHtml {
  renderer ??= createRenderer();
  return { __html: renderer.render(text) };
}

/**
 * Markdown as it goes into an exported .md file: raw HTML is made literal (`&lt;`) outside code, so a
 * viewer that renders HTML shows the text the console showed instead of running it.
 */
export function literalHtmlInMarkdown(text: string): string {
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker !== undefined) {
        if (fence === null) fence = marker;
        else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
        return line;
      }
      if (fence !== null) return line;
      // Odd parts are inline code spans: left as written.
      return line
        .split(/(`+[^`]*`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replaceAll('<', '&lt;')))
        .join('');
    })
    .join('\n');
}

// The postmortem Markdown renderer against XSS payloads: nothing a section holds may become markup
// that runs script, handles events, draws SVG or reaches the network.
import { describe, expect, it } from 'vitest';
import {
  isAllowedImage,
  isAllowedLink,
  literalHtmlInMarkdown,
  renderMarkdown,
} from '../../../shared/domain/postmortems/markdown.ts';

const render = (md: string) => renderMarkdown(md).__html;

describe('postmortem Markdown', () => {
  it('renders the Markdown authors write', () => {
    expect(render('## Cause\n\n- **null** feature\n- `model v2`\n\n[runbook](#rollback)')).toBe(
      '<h2>Cause</h2>\n<ul>\n<li><strong>null</strong> feature</li>\n<li><code>model v2</code></li>\n</ul>\n' +
        '<p><a href="#rollback" rel="noopener noreferrer">runbook</a></p>\n',
    );
  });

  it.each([
    ['a script element', '<script>alert(1)</script>'],
    ['an event handler', '<img src=x onerror="alert(1)">'],
    ['inline SVG', '<svg onload=alert(1)><circle r="5"/></svg>'],
    ['an iframe', '<iframe src="javascript:alert(1)"></iframe>'],
    ['a style element', '<style>body{display:none}</style>'],
    ['an HTML block', '<div onclick="alert(1)">\n\nhi\n\n</div>'],
  ])('escapes raw HTML: %s', (_name, payload) => {
    const out = render(payload);
    expect(out).not.toMatch(/<(script|img|svg|iframe|style|div)\b/i);
    expect(out).toContain('&lt;');
  });

  it.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['upper case', '[x](JaVaScRiPt:alert(1))'],
    ['an entity in the scheme', '[x](jav&#x61;script:alert(1))'],
    ['a decimal entity', '[x](&#106;avascript:alert(1))'],
    ['a tab in the scheme', '[x](<java\tscript:alert(1)>)'],
    ['a percent-encoded scheme', '[x](%6Aavascript:alert(1))'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['a data: document', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a reference definition', '[x][evil]\n\n[evil]: javascript:alert(1)'],
    ['an autolink', '<javascript:alert(1)>'],
    ['a remote http link', '[x](https://attacker.example/)'],
    ['a protocol-relative link', '[x](//attacker.example/)'],
  ])('drops a link to %s, keeping its text', (_name, payload) => {
    const out = render(payload);
    expect(out).not.toMatch(/<a\b/);
    expect(out).not.toMatch(/href=/);
  });

  it.each([
    ['http', '![chart](http://attacker.example/pixel.png)'],
    ['https', '![chart](https://attacker.example/pixel.png)'],
    ['protocol-relative', '![chart](//attacker.example/pixel.png)'],
    ['a relative file', '![chart](../exports/x.png)'],
    ['SVG data', '![chart](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['javascript:', '![chart](javascript:alert(1))'],
  ])('shows a %s image as its description instead of loading it', (_name, payload) => {
    expect(render(payload)).toBe('<p>[chart]</p>\n');
  });

  it('keeps inline raster images, in-page, relative and mailto: links', () => {
    expect(render('![p](data:image/png;base64,iVBORw0KGgo=)')).toBe(
      '<p><img src="data:image/png;base64,iVBORw0KGgo=" alt="p"></p>\n',
    );
    expect(isAllowedLink('mailto:oncall@example.ae')).toBe(true);
    expect(isAllowedLink('#timeline')).toBe(true);
    expect(isAllowedLink('runbooks/rollback')).toBe(true);
    expect(isAllowedLink(' javascript:alert(1)')).toBe(false);
    expect(isAllowedImage('data:image/jpeg;base64,/9j/4AAQ')).toBe(true);
    expect(isAllowedImage('data:image/svg+xml;base64,PHN2Zz4=')).toBe(false);
  });

  it('makes raw HTML literal in an exported .md file, leaving code as written', () => {
    expect(
      literalHtmlInMarkdown('a <script>x</script> `<b>` b\n```\n<i>kept</i>\n```\n<img src=x>'),
    ).toBe('a &lt;script>x&lt;/script> `<b>` b\n```\n<i>kept</i>\n```\n&lt;img src=x>');
  });
});

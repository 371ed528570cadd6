// Escape by default: every value put into the `html` template is escaped unless it is already SafeHtml,
// so a report field holding `<script>` or a quote can never become markup.
import { escapeHtml } from './reportFormat.ts';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Fills `{name}` placeholders in a (plain-text) template with escaped text or markup. */
export function fillHtml(template: string, values: Record<string, HtmlValue>): SafeHtml {
  const parts = template.split(/\{(\w+)\}/);
  // reason: split with a capture group alternates text and placeholder names.
  return new SafeHtml(
    parts
      .map((part, i) =>
        i % 2 === 0
          ? escapeHtml(part)
          : part in values
            ? render(values[part])
            : escapeHtml(`{${part}}`),
      )
      .join(''),
  );
}

/** Markup this module produced itself (CSS, ECharts' SVG) and vouches for. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Operator-typed text, isolated so a Latin name keeps its shape in an Arabic line and vice versa. */
export function bdi(text: string): SafeHtml {
  return html`<bdi>${text}</bdi>`;
}

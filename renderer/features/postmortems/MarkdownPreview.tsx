// The live preview of a section: the one sanitising Markdown renderer the exports use (raw HTML
// escaped, links only relative, in-page or mailto:, images only inline raster data). Its output is
// the only markup this page puts into the DOM.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { renderMarkdown } from '../../../shared/domain/postmortems/markdown.ts';

export function MarkdownPreview({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const rendered = useMemo(() => renderMarkdown(text), [text]);
  if (text.trim() === '')
    return (
      <div className="markdown-preview muted" aria-label={label}>
        {t('postmortems.previewEmpty')}
      </div>
    );
  return (
    <div
      className="markdown-preview"
      aria-label={label}
      data-testid="markdown-preview"
      // reason: renderMarkdown's SanitisedHtml is the sanitised output, never raw text.
      dangerouslySetInnerHTML={rendered}
    />
  );
}

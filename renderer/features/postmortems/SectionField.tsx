// One section of the template: a Markdown textarea beside its live, sanitised preview (the
// preview alone when the postmortem cannot be edited).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionKey } from '../../../shared/domain/postmortems/template.ts';
import { MarkdownPreview } from './MarkdownPreview.tsx';

export function SectionField({
  section,
  text,
  isEditable,
  onChange,
}: {
  section: SectionKey;
  text: string;
  isEditable: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const title = t(`postmortems.sections.${section}`);
  return (
    <section className="pm-section" data-testid={`pm-section-${section}`} aria-labelledby={id}>
      <h3 id={id} className="pm-section-title">
        {title}
      </h3>
      <div className={isEditable ? 'pm-section-body pm-split' : 'pm-section-body'}>
        {isEditable && (
          <textarea
            className="input pm-textarea"
            aria-label={t('postmortems.markdown', { section: title })}
            value={text}
            rows={Math.min(16, Math.max(4, text.split('\n').length + 1))}
            onChange={(e) => onChange(e.target.value)}
            data-testid={`pm-input-${section}`}
            dir="auto"
          />
        )}
        <MarkdownPreview text={text} label={`${t('postmortems.preview')}: ${title}`} />
      </div>
    </section>
  );
}

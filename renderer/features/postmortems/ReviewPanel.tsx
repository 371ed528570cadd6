// Review: the named reviewers and their decisions, naming them (while a draft), a reviewer's
// approval or request for changes, and the comments.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SECTION_KEYS, type SectionKey } from '../../../shared/domain/postmortems/template.ts';
import type { PostmortemDetail } from '../../../shared/ipc/postmortemSchemas.ts';
import { useSubmission } from '../../api/useSubmission.ts';
import { useAppStore } from '../../store/index.ts';
import { selectCan, selectTimeZone } from '../../store/sessionSlice.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Timestamp } from '../../ui/Timestamp.tsx';

const DECISION_TONES: Record<PostmortemDetail['reviewers'][number]['decision'], Tone> = {
  pending: 'neutral',
  approved: 'success',
  changes_requested: 'warning',
};

function Reviewers({ pm, canWrite }: { pm: PostmortemDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const change = useAppStore((s) => s.changePostmortem);
  const [names, setNames] = useState(pm.reviewers.map((r) => r.username).join(', '));
  const { busy, error, submit } = useSubmission();
  const usernames = names
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return (
    <div className="pm-stack">
      {pm.reviewers.length === 0 ? (
        <p className="muted">{t('postmortems.review.none')}</p>
      ) : (
        <ul className="pm-reviewers" data-testid="pm-reviewers">
          {pm.reviewers.map((r) => (
            <li key={r.username} data-decision={r.decision}>
              <span className="mono">{r.username}</span>{' '}
              <Badge tone={DECISION_TONES[r.decision]}>
                {t(`postmortems.review.decisions.${r.decision}`)}
              </Badge>
            </li>
          ))}
        </ul>
      )}
      {canWrite && pm.state === 'draft' && (
        <form
          className="pm-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit(() => change('postmortems.setReviewers', { id: pm.id, usernames }));
          }}
        >
          {error && <ErrorNotice error={error} testId="pm-reviewers-error" />}
          <TextField
            label={t('postmortems.review.reviewers')}
            hint={t('postmortems.review.reviewersHint')}
            value={names}
            onChange={(e) => setNames(e.target.value)}
            dir="ltr"
            data-testid="pm-reviewers-input"
          />
          <Button type="submit" size="sm" busy={busy}>
            {t('postmortems.review.setReviewers')}
          </Button>
        </form>
      )}
    </div>
  );
}

function Decide({ pm }: { pm: PostmortemDetail }) {
  const { t } = useTranslation();
  const change = useAppStore((s) => s.changePostmortem);
  const [comment, setComment] = useState('');
  const { busy, error, submit } = useSubmission();
  const decide = (decision: 'approve' | 'request_changes') =>
    submit(() => change('postmortems.review', { id: pm.id, decision, comment }), {
      onDone: () => setComment(''),
    });
  return (
    <div className="pm-stack" data-testid="pm-decide">
      {error && <ErrorNotice error={error} testId="pm-review-error" />}
      <TextField
        label={t('postmortems.review.comment')}
        hint={t('postmortems.review.commentHint')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        dir="auto"
      />
      <div className="form-actions">
        <Button variant="primary" busy={busy} onClick={() => decide('approve')}>
          {t('postmortems.review.approve')}
        </Button>
        <Button busy={busy} onClick={() => decide('request_changes')}>
          {t('postmortems.review.requestChanges')}
        </Button>
      </div>
    </div>
  );
}

function Comments({ pm, canComment }: { pm: PostmortemDetail; canComment: boolean }) {
  const { t } = useTranslation();
  const timeZone = useAppStore(selectTimeZone);
  const change = useAppStore((s) => s.changePostmortem);
  const [text, setText] = useState('');
  const [section, setSection] = useState<SectionKey | ''>('');
  const { busy, error, submit } = useSubmission();
  return (
    <div className="pm-stack">
      <h3 className="pm-subtitle">{t('postmortems.review.comments')}</h3>
      {pm.comments.length === 0 && <p className="muted">{t('postmortems.review.noComments')}</p>}
      <ol className="pm-comments" data-testid="pm-comments">
        {pm.comments.map((c) => (
          <li key={c.id}>
            <span className="mono">{c.author}</span> · <Timestamp iso={c.at} timeZone={timeZone} />
            {c.section && <> · {t(`postmortems.sections.${c.section}`)}</>}
            <p dir="auto">{c.text}</p>
          </li>
        ))}
      </ol>
      {canComment && (
        <form
          className="pm-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit(
              () =>
                change('postmortems.comment', {
                  id: pm.id,
                  text,
                  section: section === '' ? null : section,
                }),
              { onDone: () => setText('') },
            );
          }}
        >
          {error && <ErrorNotice error={error} testId="pm-comment-error" />}
          <label className="field-label" htmlFor={`pm-comment-section-${pm.id}`}>
            {t('postmortems.review.section')}
          </label>
          <select
            id={`pm-comment-section-${pm.id}`}
            className="input input-sm"
            value={section}
            onChange={(e) => setSection(e.target.value as SectionKey | '')}
          >
            <option value="">{t('postmortems.review.wholeDocument')}</option>
            {SECTION_KEYS.map((k) => (
              <option key={k} value={k}>
                {t(`postmortems.sections.${k}`)}
              </option>
            ))}
          </select>
          <TextField
            label={t('postmortems.review.comment')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            dir="auto"
          />
          <Button type="submit" size="sm" busy={busy}>
            {t('postmortems.review.addComment')}
          </Button>
        </form>
      )}
    </div>
  );
}

export function ReviewPanel({ pm }: { pm: PostmortemDetail }) {
  const { t } = useTranslation();
  const me = useAppStore((s) => s.session?.operator.username ?? null);
  const canWrite = useAppStore(selectCan('postmortems.write'));
  const canReview = useAppStore(selectCan('postmortems.review'));
  const isReviewer = pm.reviewers.some((r) => r.username === me);
  return (
    <section className="card pm-review" aria-label={t('postmortems.review.title')}>
      <h2 className="card-title">{t('postmortems.review.title')}</h2>
      <div className="card-body stack">
        <Reviewers key={pm.reviewers.map((r) => r.username).join()} pm={pm} canWrite={canWrite} />
        {pm.state === 'in_review' && isReviewer && canReview && <Decide pm={pm} />}
        <Comments pm={pm} canComment={canReview} />
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { PostmortemState } from '../../../shared/domain/postmortems/template.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';

const TONES: Record<PostmortemState, Tone> = {
  draft: 'neutral',
  in_review: 'warning',
  published: 'success',
};

export function PostmortemStateBadge({ state }: { state: PostmortemState }) {
  const { t } = useTranslation();
  return <Badge tone={TONES[state]}>{t(`postmortems.states.${state}`)}</Badge>;
}

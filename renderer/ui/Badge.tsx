import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'accent';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  // dir="auto" isolates the badge's text, so a Latin label or figure keeps its order in Arabic.
  return (
    <span className={`badge badge-${tone}`} dir="auto">
      {children}
    </span>
  );
}

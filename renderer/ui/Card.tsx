import type { ReactNode } from 'react';

export function Card({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="card" aria-label={title}>
      <h2 className="card-title">
        <bdi>{title}</bdi>
      </h2>
      <div className="card-body" data-testid={testId}>
        {children}
      </div>
    </section>
  );
}

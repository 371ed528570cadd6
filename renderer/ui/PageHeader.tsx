import type { ReactNode } from 'react';

/**
 * Title on the inline-start side, actions on the inline-end side, the same on every page; the title
 * is isolated, as it is often a name an operator typed (a host, an SLO).
 */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: string;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-title">
          <bdi>{title}</bdi>
        </h1>
        {subtitle && (
          <p className="page-subtitle">
            <bdi>{subtitle}</bdi>
          </p>
        )}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

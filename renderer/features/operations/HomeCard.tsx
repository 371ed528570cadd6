// One card of the operations home: a titled panel that shows its data, or why it has none yet
// (loading, or the error with a retry), so a failing source never blanks the rest of the home.
import type { ReactNode } from 'react';
import type { Remote } from '../../store/remote.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { LoadingBlock } from '../../ui/Spinner.tsx';

interface HomeCardProps<T> {
  title: string;
  testId: string;
  remote: Remote<T>;
  onRetry: () => void;
  /** A link-style action in the header (e.g. "Open the queue"). */
  action?: ReactNode;
  className?: string;
  children: (data: T) => ReactNode;
}

export function HomeCard<T>({
  title,
  testId,
  remote,
  onRetry,
  action,
  className,
  children,
}: HomeCardProps<T>) {
  const headingId = `${testId}-title`;
  return (
    <section
      className={`panel home-card${className ? ` ${className}` : ''}`}
      aria-labelledby={headingId}
      data-testid={testId}
      data-status={remote.status}
    >
      <header className="panel-header">
        <h2 id={headingId} className="home-card-title">
          {title}
        </h2>
        {action}
      </header>
      {remote.error && (
        <ErrorNotice error={remote.error} onRetry={onRetry} testId={`${testId}-error`} />
      )}
      {remote.data === null && remote.status !== 'error' && <LoadingBlock />}
      {remote.data !== null && children(remote.data)}
    </section>
  );
}

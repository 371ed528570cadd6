import type { ReactNode } from 'react';

/**
 * Text an operator typed or a machine reported (a host's, cluster's or operator's name, an event's
 * reason), isolated from the text around it: its own letters set its direction, so "Abu Dhabi DC1"
 * keeps its order on an Arabic page and an Arabic name keeps its order on an English one.
 */
export function Bdi({
  children,
  className,
  title,
  testId,
}: {
  children: ReactNode;
  className?: string;
  title?: string;
  testId?: string;
}) {
  return (
    <bdi className={className} title={title} data-testid={testId}>
      {children}
    </bdi>
  );
}

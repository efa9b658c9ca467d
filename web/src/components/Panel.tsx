import type { ReactNode } from 'react';
import { StaleMark } from './StaleMark';

/** A titled card of the cockpit grid; its header carries the stale-data marker when the stream is down. */
export function Panel({
  title,
  extra,
  children,
  className = '',
  testId,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section className={`panel ${className}`} data-testid={testId}>
      <header className="panel-head">
        <h2>{title}</h2>
        <StaleMark />
        {extra !== undefined && <div className="panel-extra">{extra}</div>}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

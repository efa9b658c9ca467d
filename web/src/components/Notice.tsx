import type { MutationNotice } from '../api/use-mutation';

/** The outcome of a write: green with the success text, red with the API's message. */
export function Notice({ notice, testId }: { notice: MutationNotice; testId?: string }) {
  if (notice === null) return null;
  return (
    <p
      className={`notice ${notice.ok ? 'notice-ok' : 'notice-error'}`}
      role={notice.ok ? 'status' : 'alert'}
      data-testid={testId}
    >
      {notice.text}
    </p>
  );
}

// One form or dialog action in flight: busy while the call runs, its error (as data) when it fails.
import { useCallback, useState } from 'react';
import { toApiCallError, type ApiCallError } from './client.ts';

export interface Submission {
  busy: boolean;
  error: ApiCallError | null;
  /** Runs the call; onDone gets its value, onError runs after the error is shown (e.g. clear a password). */
  clearError: () => void;
  submit: <T>(
    work: () => Promise<T>,
    handlers?: { onDone?: (value: T) => void; onError?: () => void },
  ) => void;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const submit = useCallback<Submission['submit']>((work, handlers = {}) => {
    setBusy(true);
    setError(null);
    work().then(
      (value) => {
        setBusy(false);
        handlers.onDone?.(value);
      },
      (thrown: unknown) => {
        setBusy(false);
        setError(toApiCallError(thrown));
        handlers.onError?.();
      },
    );
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, submit, clearError };
}

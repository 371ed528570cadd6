// One shape for every piece of server data the UI shows: what we have, whether a request is in
// flight, and the last error, so every screen can show loading, error and empty states alike.
import { toApiCallError, type ApiCallError } from '../api/client.ts';

export type RemoteStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface Remote<T> {
  data: T | null;
  status: RemoteStatus;
  error: ApiCallError | null;
}

export const idle = <T>(): Remote<T> => ({ data: null, status: 'idle', error: null });

export const loading = <T>(previous: Remote<T>): Remote<T> => ({
  data: previous.data,
  status: 'loading',
  error: null,
});

export const ready = <T>(data: T): Remote<T> => ({ data, status: 'ready', error: null });

export const failed = <T>(previous: Remote<T>, error: unknown): Remote<T> => ({
  data: previous.data,
  status: 'error',
  error: toApiCallError(error),
});

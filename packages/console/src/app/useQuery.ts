import { useEffect, useState } from 'react';
import { ApiError, request, TypedDocument } from '../api/client';

export type QueryState<T> = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: ApiError } | { readonly status: 'done'; readonly data: T };

/** Runs one document whenever its variables change (compared as JSON); an older answer never overwrites a newer one. */
export function useQuery<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables, skip = false): QueryState<TResult> & { retry: () => void } {
  const [state, setState] = useState<QueryState<TResult>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (skip) return;
    const abort = new AbortController();
    setState({ status: 'loading' });
    request(document, JSON.parse(key) as TVariables, abort.signal).then(
      (data) => !abort.signal.aborted && setState({ status: 'done', data }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError('数据加载失败，请稍后重试。', null) });
      },
    );
    return () => abort.abort();
  }, [document, key, attempt, skip]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

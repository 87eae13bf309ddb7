/** Reads the text a task works on from the host, and again whenever the item or selection changes. */

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/errors';
import type { HostAdapter, SourceText, Task } from '../hosts/host';

export interface SourceState {
  status: 'loading' | 'ready' | 'error';
  /** For summarize and rewrite. */
  source: SourceText | undefined;
  /** For draft: the message, thread or selection it builds on. */
  context: string;
  error: ApiError | undefined;
}

// Selection events come in bursts while the user drags; read once they settle.
const SETTLE_MS = 300;

export function useSource(host: HostAdapter, task: Task): SourceState & { reload: () => void } {
  const [state, setState] = useState<SourceState>({ status: 'loading', source: undefined, context: '', error: undefined });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const unsubscribe = host.subscribe(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(reload, SETTLE_MS);
    });
    return () => {
      clearTimeout(timer.current);
      unsubscribe();
    };
  }, [host, reload]);

  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, status: 'loading' }));
    const read = async (): Promise<SourceState> => {
      if (task === 'draft') {
        return { status: 'ready', source: undefined, context: await host.readDraftContext(), error: undefined };
      }
      return { status: 'ready', source: await host.readSource(), context: '', error: undefined };
    };
    read()
      .then((next) => live && setState(next))
      .catch((error: unknown) => {
        if (!live) return;
        const apiError = error instanceof ApiError ? error : new ApiError('host_error', String(error));
        setState({ status: 'error', source: undefined, context: '', error: apiError });
      });
    return () => {
      live = false;
    };
  }, [host, task, version]);

  return { ...state, reload };
}

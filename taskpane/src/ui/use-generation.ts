/** One streamed answer at a time: start, follow, stop, retry. */

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiError, isAbortError } from '../api/errors';
import type { Citation, EasyReadReport, GenerationEvent, LixChange, PlaceholderCount } from '../api/types';
import type { SourceText, Task } from '../hosts/host';

export type GenerationStatus = 'idle' | 'streaming' | 'done' | 'stopped' | 'error';
export type GenerationNotice = 'thread_fallback';

/** What the answer was made from; "replace" needs it to check the selection. */
export interface GenerationOrigin {
  task: Task;
  source: SourceText | undefined;
  /** The server read the whole conversation: the answer's citations index that, not `source`. */
  thread?: boolean;
}

export interface GenerationState {
  status: GenerationStatus;
  text: string;
  origin: GenerationOrigin | undefined;
  progress: { part: number; parts: number } | undefined;
  redactions: Record<string, number> | undefined;
  requestId: string | undefined;
  finishReason: string | undefined;
  /** A plain-language rewrite: LIX of the text and of the answer, from the done event. */
  readability: LixChange | undefined;
  /** An answer to a question: what its [n] marks cite, from the citations event. */
  citations: Citation[] | undefined;
  /** Easy Swedish: the figures before and after, and whether a revise round ran, from the done event. */
  easyRead: EasyReadReport | undefined;
  /** Easy Swedish: the first draft, set aside when the revise round starts, with its findings count. */
  revision: { draft: string; findings: number } | undefined;
  /** A translation: the masked values sent to the model and those its answer kept. */
  placeholders: PlaceholderCount | undefined;
  error: ApiError | undefined;
  notice: GenerationNotice | undefined;
}

/** A generation to run; the hook calls it again for "retry" and "regenerate". */
export type GenerationRun = (
  signal: AbortSignal,
  notify: (notice: GenerationNotice) => void,
) => AsyncIterable<GenerationEvent>;

type Action =
  | { type: 'start'; origin: GenerationOrigin }
  | { type: 'event'; event: GenerationEvent }
  | { type: 'notice'; notice: GenerationNotice }
  | { type: 'stopped' }
  | { type: 'ended' }
  | { type: 'error'; error: ApiError }
  | { type: 'dismiss' }
  | { type: 'reset' };

const IDLE: GenerationState = {
  status: 'idle',
  text: '',
  origin: undefined,
  progress: undefined,
  redactions: undefined,
  requestId: undefined,
  finishReason: undefined,
  readability: undefined,
  citations: undefined,
  easyRead: undefined,
  revision: undefined,
  placeholders: undefined,
  error: undefined,
  notice: undefined,
};

export function reduce(state: GenerationState, action: Action): GenerationState {
  switch (action.type) {
    case 'start':
      return { ...IDLE, status: 'streaming', origin: action.origin };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'event': {
      const event = action.event;
      switch (event.type) {
        case 'meta':
          return { ...state, requestId: event.requestId, redactions: event.redactions };
        case 'progress':
          return { ...state, progress: { part: event.part, parts: event.parts } };
        case 'delta':
          return { ...state, text: state.text + event.text, progress: undefined };
        case 'citations':
          return { ...state, citations: event.citations };
        case 'revision':
          // The revised text streams from here: the draft steps aside (and stays to be seen).
          return { ...state, text: '', revision: { draft: state.text, findings: event.findings } };
        case 'done':
          return {
            ...state,
            status: 'done',
            finishReason: event.finishReason,
            readability: event.readability,
            easyRead: event.easyRead,
            placeholders: event.placeholders,
            progress: undefined,
          };
      }
      return state;
    }
    case 'stopped':
      return state.status === 'streaming' ? { ...state, status: 'stopped', progress: undefined } : state;
    case 'ended':
      return state.status === 'streaming' ? { ...state, status: 'done' } : state;
    case 'error':
      return { ...state, status: 'error', error: action.error, progress: undefined };
    case 'dismiss':
      return state.status === 'error' ? { ...state, status: state.text ? 'stopped' : 'idle', error: undefined } : state;
    case 'reset':
      return IDLE;
  }
}

export interface Generation {
  state: GenerationState;
  start(run: GenerationRun, origin: GenerationOrigin): Promise<void>;
  stop(): void;
  /** Runs the last generation again: after an error, or for a new answer to the same request. */
  retry(): Promise<void>;
  dismissError(): void;
  /** Forgets the answer (and stops it): it belonged to an item that is no longer open. */
  reset(): void;
}

export function useGeneration(): Generation {
  const [state, dispatch] = useReducer(reduce, IDLE);
  const controller = useRef<AbortController | undefined>(undefined);
  const last = useRef<{ run: GenerationRun; origin: GenerationOrigin } | undefined>(undefined);

  const start = useCallback(async (run: GenerationRun, origin: GenerationOrigin) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    last.current = { run, origin };
    dispatch({ type: 'start', origin });
    try {
      for await (const event of run(current.signal, (notice) => dispatch({ type: 'notice', notice }))) {
        if (current.signal.aborted) return;
        dispatch({ type: 'event', event });
      }
      if (!current.signal.aborted) dispatch({ type: 'ended' });
    } catch (error) {
      // Stopping aborts the fetch: that is the user's choice, not an error.
      if (current.signal.aborted || isAbortError(error)) return;
      dispatch({ type: 'error', error: error instanceof ApiError ? error : new ApiError('unknown', String(error)) });
    } finally {
      if (controller.current === current) controller.current = undefined;
    }
  }, []);

  const stop = useCallback(() => {
    // Aborting closes the connection; the server sees that and cancels the generation.
    controller.current?.abort();
    dispatch({ type: 'stopped' });
  }, []);

  const retry = useCallback(async () => {
    if (last.current) await start(last.current.run, last.current.origin);
  }, [start]);

  const dismissError = useCallback(() => dispatch({ type: 'dismiss' }), []);

  const reset = useCallback(() => {
    controller.current?.abort();
    last.current = undefined;
    dispatch({ type: 'reset' });
  }, []);

  // A pane that closes mid-answer must not leave the server generating for nobody.
  useEffect(() => () => controller.current?.abort(), []);

  return { state, start, stop, retry, dismissError, reset };
}

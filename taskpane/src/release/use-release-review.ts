/** Running the release review: read the whole document, send it in parts if it is long, keep decisions. */

import { useCallback, useRef, useState } from 'react';
import type { KollegaApi } from '../api/client';
import { ApiError, isAbortError } from '../api/errors';
import type { ReleaseHost } from './host';
import { fromApi, PART_CHARS, renumber, splitForReview, type ApiFinding, type ReleaseArea, type ReviewFinding } from './model';

export interface ReleaseReview {
  status: 'idle' | 'reviewing' | 'ready' | 'error' | 'empty';
  /** The document as reviewed: every finding's offsets refer to it. */
  text: string;
  findings: ReviewFinding[];
  progress: { part: number; parts: number } | undefined;
  error: ApiError | undefined;
}

const IDLE: ReleaseReview = { status: 'idle', text: '', findings: [], progress: undefined, error: undefined };

function isFinding(value: unknown): value is ApiFinding {
  if (value === null || typeof value !== 'object') return false;
  const f = value as Record<string, unknown>;
  return typeof f.start === 'number' && typeof f.end === 'number' && typeof f.category === 'string' && typeof f.id === 'string';
}

/** Reviews `text` part by part; a server with a lower text limit (422 text_too_long) gets smaller parts. */
export async function reviewText(
  api: KollegaApi,
  text: string,
  area: ReleaseArea,
  onProgress: (part: number, parts: number) => void,
  signal?: AbortSignal,
): Promise<ReviewFinding[]> {
  let size = PART_CHARS;
  for (;;) {
    const parts = splitForReview(text, size);
    try {
      const found: ReviewFinding[] = [];
      for (const [i, part] of parts.entries()) {
        onProgress(i + 1, parts.length);
        if (!part.text.trim()) continue;
        const answer = await api.releaseReview(part.text, area, signal);
        found.push(...fromApi(part, answer.findings.filter(isFinding), text, `p${i}-`));
      }
      return renumber(found);
    } catch (error) {
      const longest = Math.max(...parts.map((p) => p.text.length));
      if (error instanceof ApiError && error.code === 'text_too_long' && longest > 2_000) {
        size = Math.floor(longest / 2);
        continue;
      }
      throw error;
    }
  }
}

export function useReleaseReview(api: KollegaApi, host: ReleaseHost | undefined) {
  const [review, setReview] = useState<ReleaseReview>(IDLE);
  const controller = useRef<AbortController | undefined>(undefined);

  const run = useCallback(
    async (area: ReleaseArea): Promise<void> => {
      if (!host) return;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setReview((r) => ({ ...r, status: 'reviewing', error: undefined, progress: undefined }));
      try {
        const text = await host.readDocument();
        if (!text.trim()) {
          setReview({ ...IDLE, status: 'empty' });
          return;
        }
        const findings = await reviewText(api, text, area, (part, parts) => {
          if (!abort.signal.aborted) setReview((r) => ({ ...r, progress: { part, parts } }));
        }, abort.signal);
        if (!abort.signal.aborted) setReview({ status: 'ready', text, findings, progress: undefined, error: undefined });
      } catch (error) {
        if (abort.signal.aborted || isAbortError(error)) return;
        const apiError = error instanceof ApiError ? error : new ApiError('host_error', String(error));
        setReview({ ...IDLE, status: 'error', error: apiError });
      }
    },
    [api, host],
  );

  const update = useCallback((change: (findings: ReviewFinding[]) => ReviewFinding[]) => {
    setReview((r) => ({ ...r, findings: change(r.findings) }));
  }, []);

  const reset = useCallback(() => {
    controller.current?.abort();
    setReview(IDLE);
  }, []);

  return { review, run, update, reset };
}

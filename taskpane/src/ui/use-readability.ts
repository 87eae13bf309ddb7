/**
 * The readability check behind the card: reads the text from the host when the card opens, asks the
 * server (instant, no model), and checks again when the selection or item changes while it is open.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { KollegaApi } from '../api/client';
import { cleanText } from '../api/client';
import { ApiError, isAbortError } from '../api/errors';
import { prepareFindings, type Finding } from '../api/readability';
import type { ReadabilityReport } from '../api/types';
import type { HostAdapter, SourceText } from '../hosts/host';

export interface ReadabilityCheck {
  status: 'closed' | 'checking' | 'ready' | 'empty' | 'error';
  /** What was read from the host: comments go back into this selection or body. */
  source: SourceText | undefined;
  /** The text as sent, which the offsets refer to. */
  text: string;
  report: ReadabilityReport | undefined;
  findings: Finding[];
  error: ApiError | undefined;
}

const CLOSED: ReadabilityCheck = {
  status: 'closed',
  source: undefined,
  text: '',
  report: undefined,
  findings: [],
  error: undefined,
};

// Selection events come in bursts while the user drags; check once they settle.
const SETTLE_MS = 300;

/**
 * `version` changes when the pane itself changed the text (an answer was inserted), which Outlook
 * compose does not report as an event.
 */
export function useReadability(
  api: KollegaApi,
  host: HostAdapter,
  open: boolean,
  version: number,
): ReadabilityCheck & { refresh: () => void } {
  const [check, setCheck] = useState<ReadabilityCheck>(CLOSED);
  const [run, setRun] = useState({ n: 0, interactive: true });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refresh = useCallback(() => setRun((r) => ({ n: r.n + 1, interactive: true })), []);

  useEffect(() => {
    if (!open) return undefined;
    const unsubscribe = host.subscribe(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setRun((r) => ({ n: r.n + 1, interactive: false })), SETTLE_MS);
    });
    return () => {
      clearTimeout(timer.current);
      unsubscribe();
    };
  }, [host, open]);

  // The pane changed the text: check again, quietly.
  const lastVersion = useRef(version);
  useEffect(() => {
    if (lastVersion.current === version) return;
    lastVersion.current = version;
    setRun((r) => ({ n: r.n + 1, interactive: false }));
  }, [version]);

  useEffect(() => {
    if (!open) {
      setCheck(CLOSED);
      return undefined;
    }
    const controller = new AbortController();
    // The previous result stays on screen while the new one is fetched: no flicker as the selection moves.
    setCheck((c) => ({ ...c, status: 'checking', error: undefined }));
    (async () => {
      const source = await host.readSource();
      const text = cleanText(source.text);
      if (!text.trim()) {
        if (!controller.signal.aborted) setCheck({ ...CLOSED, status: 'empty', source, text });
        return;
      }
      // Opening the card or pressing refresh is the user asking: a sign-in prompt may follow.
      // Checks that follow the selection are quiet.
      const report = await api.readability(text, { signal: controller.signal, silent: !run.interactive });
      if (controller.signal.aborted) return;
      setCheck({ status: 'ready', source, text, report, findings: prepareFindings(text, report), error: undefined });
    })().catch((error: unknown) => {
      if (controller.signal.aborted || isAbortError(error)) return;
      const apiError = error instanceof ApiError ? error : new ApiError('host_error', String(error));
      setCheck({ ...CLOSED, status: 'error', error: apiError });
    });
    return () => controller.abort();
  }, [api, host, open, run]);

  return { ...check, refresh };
}

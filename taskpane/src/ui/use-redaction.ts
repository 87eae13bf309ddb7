/** The redaction preview: asks the server what it will mask, as the user's text settles. */

import { useEffect, useState } from 'react';
import type { KollegaApi } from '../api/client';
import { cleanText } from '../api/client';
import { isAbortError } from '../api/errors';
import { toUtf16Spans, type Span } from '../api/redaction';

export interface PreviewPart {
  /** Shown above the part when there are several (instruction, context). */
  label?: string;
  text: string;
}

export interface PreviewedPart {
  label?: string;
  /** The text as sent, which is what the offsets refer to. */
  text: string;
  spans: Span[];
}

export interface RedactionPreview {
  status: 'idle' | 'checking' | 'ready' | 'error';
  parts: PreviewedPart[];
}

const DEBOUNCE_MS = 350;

export function useRedactionPreview(api: KollegaApi, parts: PreviewPart[] | undefined): RedactionPreview {
  const [preview, setPreview] = useState<RedactionPreview>({ status: 'idle', parts: [] });
  // A stable key: a new array with the same texts must not start another request.
  const key = parts ? JSON.stringify(parts) : '';

  useEffect(() => {
    const wanted = (parts ?? []).map((p) => ({ ...p, text: cleanText(p.text) })).filter((p) => p.text.trim());
    if (wanted.length === 0) {
      setPreview({ status: 'idle', parts: [] });
      return;
    }
    const controller = new AbortController();
    setPreview((p) => ({ status: 'checking', parts: p.parts }));
    const timer = setTimeout(() => {
      Promise.all(
        wanted.map(async (part) => {
          const result = await api.redact(part.text, controller.signal);
          const previewed: PreviewedPart = { text: part.text, spans: toUtf16Spans(part.text, result.entities) };
          if (part.label) previewed.label = part.label;
          return previewed;
        }),
      )
        .then((done) => setPreview({ status: 'ready', parts: done }))
        .catch((error: unknown) => {
          if (!isAbortError(error) && !controller.signal.aborted) setPreview({ status: 'error', parts: [] });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `key` stands for `parts`: the same texts in a new array must not start another request.
  }, [api, key]);

  return preview;
}

/** The redaction preview: asks the server what it will mask, as the user's text settles. */

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KollegaApi } from '../api/client';
import { cleanText } from '../api/client';
import { carryOver, NO_CORRECTIONS, payloadFor, type Corrections } from '../api/corrections';
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
  /** Index into the parts asked for (empty parts are not previewed): what corrections refer to. */
  index: number;
}

export interface RedactionPreview {
  status: 'idle' | 'checking' | 'ready' | 'error';
  parts: PreviewedPart[];
}

export interface CorrectedPreview extends RedactionPreview {
  /** The user's corrections, in UTF-16 offsets into the parts' cleaned texts. */
  corrections: Corrections;
  setCorrections: (change: (current: Corrections) => Corrections) => void;
  /** The texts the corrections index, by part (cleaned as the API gets them). */
  texts: string[];
}

const DEBOUNCE_MS = 350;

export function useRedactionPreview(api: KollegaApi, parts: PreviewPart[] | undefined): CorrectedPreview {
  const [preview, setPreview] = useState<RedactionPreview>({ status: 'idle', parts: [] });
  const texts = useMemo(() => (parts ?? []).map((p) => cleanText(p.text)), [parts]);
  const textsKey = JSON.stringify(texts);
  // The corrections with the texts they were made on. When a text changes (another selection, another
  // message), its corrections follow their values into the new text (carryOver).
  const [stored, setStored] = useState<{ texts: string[]; corrections: Corrections }>({ texts, corrections: NO_CORRECTIONS });
  const corrections = useMemo(
    () => (JSON.stringify(stored.texts) === textsKey ? stored.corrections : carryOver(stored.corrections, stored.texts, texts)),
    // `textsKey` stands for `texts`.
    [stored, textsKey],
  );
  // A stable key: a new array with the same texts must not start another request.
  const key = parts ? JSON.stringify(parts) : '';
  const correctionsKey = JSON.stringify(corrections);

  useEffect(() => {
    const wanted = (parts ?? [])
      .map((p, index) => ({ ...p, text: cleanText(p.text), index }))
      .filter((p) => p.text.trim());
    if (wanted.length === 0) {
      setPreview({ status: 'idle', parts: [] });
      return;
    }
    const controller = new AbortController();
    setPreview((p) => ({ status: 'checking', parts: p.parts }));
    const timer = setTimeout(() => {
      Promise.all(
        wanted.map(async (part) => {
          const result = await api.redact(part.text, controller.signal, payloadFor(corrections, part.index, part.text));
          const previewed: PreviewedPart = {
            text: part.text,
            spans: toUtf16Spans(part.text, result.entities),
            index: part.index,
          };
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
    // `key` stands for `parts` and `correctionsKey` for `corrections`: equal values must not ask again.
  }, [api, key, correctionsKey]);

  const setCorrections = useCallback(
    (change: (current: Corrections) => Corrections) => setStored({ texts, corrections: change(corrections) }),
    [texts, corrections],
  );
  return { ...preview, corrections, setCorrections, texts };
}

/** Whether this server lets users unmask detected details (KOLLEGA_REDACTION_ALLOW_UNMASK); no until it says. */
export function useAllowUnmask(api: KollegaApi): boolean {
  const [allowed, setAllowed] = useState(false);
  useEffect(() => {
    let live = true;
    api
      .config()
      .then((config) => live && setAllowed(config.redaction?.allow_unmask ?? false))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return allowed;
}

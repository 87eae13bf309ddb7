/**
 * Polite screen-reader announcements for a streaming answer. Announcing every delta would talk over
 * itself; whole sentences, at most every couple of seconds, can be followed.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { GenerationStatus } from './use-generation';

const MIN_GAP_MS = 2000;
const SENTENCE_END = /[.!?:;…](?=\s)|\n/g;

export interface AnnouncerWords {
  started: string;
  done: string;
  stopped: string;
}

export function useStreamAnnouncer(
  text: string,
  status: GenerationStatus,
  words: AnnouncerWords,
): { message: string; announce: (message: string) => void } {
  const [message, setMessage] = useState('');
  const spoken = useRef(0);
  const lastAt = useRef(0);
  const previousStatus = useRef<GenerationStatus>(status);

  const announce = useCallback((next: string) => {
    lastAt.current = Date.now();
    // The same words twice would not be read again: a trailing no-break space makes the text new.
    setMessage((previous) => (previous === next ? `${next}\u00a0` : next));
  }, []);

  useEffect(() => {
    const before = previousStatus.current;
    previousStatus.current = status;
    if (status === 'streaming' && before !== 'streaming') {
      spoken.current = 0;
      announce(words.started);
      return;
    }
    if (before === 'streaming' && status === 'done') {
      const rest = text.slice(spoken.current).trim();
      spoken.current = text.length;
      announce(rest ? `${rest} ${words.done}` : words.done);
      return;
    }
    if (before === 'streaming' && status === 'stopped') {
      spoken.current = text.length;
      announce(words.stopped);
      return;
    }
    if (status !== 'streaming' || Date.now() - lastAt.current < MIN_GAP_MS) return;
    const pending = text.slice(spoken.current);
    let end = -1;
    for (const match of pending.matchAll(SENTENCE_END)) end = match.index + match[0].length;
    if (end <= 0) return;
    const sentences = pending.slice(0, end).trim();
    spoken.current += end;
    if (sentences) announce(sentences);
  }, [text, status, words, announce]);

  return { message, announce };
}

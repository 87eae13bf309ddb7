/**
 * A Server-Sent Events reader for fetch() bodies.
 *
 * EventSource cannot send an Authorization header or a POST body, so the pane reads the stream itself.
 * Parsing follows the WHATWG "event stream interpretation" rules, which is what the backend writes.
 */

export interface SseEvent {
  /** The `event:` field, or "message" when the server sent none. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  id?: string;
}

const LINE_END = /\r\n|\r|\n/;

/** Incremental parser: feed it decoded text in any chunking; it returns the events completed so far. */
export class SseParser {
  private buffer = '';
  private dataLines: string[] = [];
  private eventType = '';
  private lastEventId: string | undefined;

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = LINE_END.exec(this.buffer);
      if (!match) break;
      // A lone "\r" at the very end may be the first half of "\r\n" split across chunks:
      // wait for the next chunk, or the "\n" would later read as an extra blank line.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    return events;
  }

  /** End of stream. The standard discards an event that was not terminated by a blank line. */
  end(): SseEvent[] {
    const events = this.buffer.endsWith('\r') ? this.push('\n') : [];
    this.buffer = '';
    this.dataLines = [];
    this.eventType = '';
    return events;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined; // a comment, e.g. a keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.eventType = value;
        break;
      case 'data':
        this.dataLines.push(value);
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        // "retry" and unknown fields: the pane never reconnects on its own, so they mean nothing here.
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const hasData = this.dataLines.length > 0;
    const event: SseEvent = { event: this.eventType || 'message', data: this.dataLines.join('\n') };
    if (this.lastEventId !== undefined) event.id = this.lastEventId;
    this.dataLines = [];
    this.eventType = '';
    return hasData ? event : undefined;
  }
}

/**
 * Yields the events of a response body as they arrive.
 *
 * Stopping, by the signal or by leaving the loop early, cancels the body. That closes the connection,
 * which is how the server learns that it should stop generating.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  // stream: true keeps a multi-byte UTF-8 character (å, ä, ö, emoji) that is split across chunks intact.
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  let finished = false;
  const onAbort = (): void => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { value, done } = await reader.read();
      signal?.throwIfAborted();
      if (done) {
        finished = true;
        yield* parser.push(decoder.decode());
        yield* parser.end();
        return;
      }
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        yield event;
        signal?.throwIfAborted();
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Test helpers: byte streams cut exactly where a test wants, and a fetch that answers from a script. */

export const encoder = new TextEncoder();

/** A body that delivers these chunks one by one, and records whether it was cancelled. */
export function chunkedStream(chunks: (string | Uint8Array)[], options: { hang?: boolean } = {}) {
  const state = { cancelled: false, reason: undefined as unknown, pulled: 0 };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += 1;
      if (i < chunks.length) {
        const chunk = chunks[i++] as string | Uint8Array;
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      } else if (!options.hang) {
        controller.close();
      }
      // With hang, the stream stays open like a server still generating.
      return options.hang && i >= chunks.length ? new Promise(() => undefined) : undefined;
    },
    cancel(reason) {
      state.cancelled = true;
      state.reason = reason;
    },
  });
  return { stream, state };
}

/** Splits bytes at the given offsets (any offset, even inside a UTF-8 character). */
export function splitBytes(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    parts.push(bytes.slice(start, cut));
    start = cut;
  }
  return parts;
}

export function sse(events: [string, unknown][]): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

export function problem(status: number, body: object, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

export function streamResponse(stream: ReadableStream<Uint8Array>): Response {
  return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

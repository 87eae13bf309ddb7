import { describe, expect, it } from 'vitest';
import { readSse, SseParser, type SseEvent } from '../../src/api/sse';
import { chunkedStream, encoder, splitBytes } from './helpers';

async function collect(iterable: AsyncIterable<SseEvent>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

const STREAM =
  'event: meta\ndata: {"request_id":"r1","redactions":{"PERSON":2}}\n\n' +
  ': keep-alive\n\n' +
  'event: delta\ndata: {"text":"Hej på dig, Åsa 😀"}\n\n' +
  'event: delta\r\ndata: {"text":"rad två"}\r\n\r\n' +
  'event: done\rdata: {"finish_reason":"stop"}\r\r';

const EXPECTED: SseEvent[] = [
  { event: 'meta', data: '{"request_id":"r1","redactions":{"PERSON":2}}' },
  { event: 'delta', data: '{"text":"Hej på dig, Åsa 😀"}' },
  { event: 'delta', data: '{"text":"rad två"}' },
  { event: 'done', data: '{"finish_reason":"stop"}' },
];

describe('SseParser', () => {
  it('parses events, skipping comments, with LF, CRLF and CR line ends', () => {
    const parser = new SseParser();
    expect([...parser.push(STREAM), ...parser.end()]).toEqual(EXPECTED);
  });

  it('gives the same events however the text is cut', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(STREAM.slice(0, cut)), ...parser.push(STREAM.slice(cut)), ...parser.end()];
      expect(events, `cut at ${cut}`).toEqual(EXPECTED);
    }
  });

  it('does not read a CRLF split across chunks as two line ends', () => {
    const parser = new SseParser();
    const events = [...parser.push('data: a\r'), ...parser.push('\n'), ...parser.push('data: b\r\n\r\n')];
    expect(events).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('joins multi-line data, keeps ids, strips only one leading space', () => {
    const parser = new SseParser();
    const events = parser.push('id: 7\ndata:  two spaces\ndata:x\nretry: 100\nunknown: y\n\n');
    expect(events).toEqual([{ event: 'message', data: ' two spaces\nx', id: '7' }]);
  });

  it('discards an event the stream did not finish, as the standard says', () => {
    const parser = new SseParser();
    expect([...parser.push('event: delta\ndata: {"text":"half"}\n'), ...parser.end()]).toEqual([]);
  });

  it('ignores blank events without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\n\n')).toEqual([]);
  });
});

describe('readSse', () => {
  it('reads a byte stream cut inside multi-byte characters, at every offset', async () => {
    const bytes = encoder.encode(STREAM);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const { stream } = chunkedStream(splitBytes(bytes, [cut]));
      expect(await collect(readSse(stream)), `cut at byte ${cut}`).toEqual(EXPECTED);
    }
  });

  it('reads one byte at a time', async () => {
    const bytes = encoder.encode(STREAM);
    const { stream } = chunkedStream(splitBytes(bytes, Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)));
    expect(await collect(readSse(stream))).toEqual(EXPECTED);
  });

  it('cancels the body when the signal aborts mid-stream, which closes the connection', async () => {
    const { stream, state } = chunkedStream(['event: delta\ndata: {"text":"a"}\n\n'], { hang: true });
    const controller = new AbortController();
    const seen: SseEvent[] = [];
    const reading = (async () => {
      for await (const event of readSse(stream, controller.signal)) {
        seen.push(event);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(1);
    expect(state.cancelled).toBe(true);
  });

  it('cancels the body when aborted while waiting for the next chunk', async () => {
    const { stream, state } = chunkedStream([], { hang: true });
    const controller = new AbortController();
    const reading = collect(readSse(stream, controller.signal));
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(state.cancelled).toBe(true);
  });

  it('cancels the body when the consumer stops reading early', async () => {
    const { stream, state } = chunkedStream(['data: 1\n\n', 'data: 2\n\n'], { hang: true });
    for await (const event of readSse(stream)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it('does not cancel a stream that ended normally', async () => {
    const { stream, state } = chunkedStream(['data: 1\n\n']);
    await collect(readSse(stream));
    expect(state.cancelled).toBe(false);
  });

  it('passes a network error from the body on', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: 1\n\n'));
        controller.error(new TypeError('network error'));
      },
    });
    await expect(collect(readSse(stream))).rejects.toThrow('network error');
  });
});

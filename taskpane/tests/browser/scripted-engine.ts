/**
 * A scripted OpenAI-compatible engine (POST /v1/chat/completions, streamed) for the browser tests of Fråga
 * and Lättläst. The tiny random model cannot write "[1]" with a quote, nor a draft whose findings a
 * revise round fixes; this stands in for a real model at the engine's network boundary
 * (KOLLEGA_ENGINE_URL), so everything from the pane through the real server is exercised. It answers by
 * what the prompt asks for, and keeps every placeholder it was sent, as a good model would.
 */

import { createServer, type Server } from 'node:http';

/** Phrases from the playground's samples without personal data: the answer quotes the first one the prompt holds. */
export const QUOTES = [
  'Beslut om färdtjänst fattas inom tre veckor från att ansökan kom in',
  'Han har tid för dialys igen den 17 mars',
  'Förvaltningen föreslår att sökanden beviljas ekonomiskt bistånd till hyra för mars 2025',
];
/** A quote the model makes up: the server must drop it, and the pane show its [2] as plain text. */
export const INVENTED = 'Beslutet skickas alltid med rekommenderat brev';

/** Easy Swedish: a first draft the check finds fault with (long, passive, nominal), then the revision. */
export const EASY_DRAFT =
  'Beslut om bidraget fattas av nämnden efter genomförd utredning, varefter utbetalning av bidraget sker efter att åtgärden har slutförts och faktura har inkommit till förvaltningen.';
export const EASY_REVISED = 'Du får pengar för att bygga om badrummet. Du får pengarna när arbetet är klart. Skicka fakturan till oss.';
export const TRANSLATION = 'Decision on a housing adaptation grant. The committee grants at most 48,000 kronor.';

type Message = { role: string; content: string };

function answerFor(messages: Message[]): string {
  const all = messages.map((m) => m.content).join('\n');
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const placeholders = [...new Set(user.match(/\[[A-ZÅÄÖ]+_\d+\]/g) ?? [])].join(' ');
  if (/Läsbarhetskontrollen hittade|readability check found/i.test(all)) return `${EASY_REVISED} ${placeholders}`.trim();
  if (/lättläst|easy-to-read/i.test(all)) return `${EASY_DRAFT} ${placeholders}`.trim();
  if (/\nCitat:|\nQuotes:|"Citat:"|"Quotes:"/.test(all)) {
    const quote = QUOTES.find((q) => user.includes(q));
    if (!quote) return 'Det framgår inte av texten.';
    return `Enligt texten gäller detta [1]. Det står också något annat [2].\nCitat:\n[1] "${quote}"\n[2] "${INVENTED}"`;
  }
  if (/Translate the text into|Översätt texten till/i.test(all)) return `${TRANSLATION} ${placeholders}`.trim();
  return `Ett skriptat svar. ${placeholders}`.trim();
}

export function startScriptedEngine(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
        response.writeHead(404).end();
        return;
      }
      const { messages } = JSON.parse(body) as { messages: Message[] };
      const answer = answerFor(messages);
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const words = answer.match(/\S+\s*|\s+/g) ?? [];
      const chunk = (data: object): string => `data: ${JSON.stringify(data)}\n\n`;
      let i = 0;
      // A few milliseconds a word: long enough for the pane to show the answer streaming.
      const timer = setInterval(() => {
        if (response.destroyed) {
          clearInterval(timer);
          return;
        }
        if (i < words.length) {
          response.write(chunk({ choices: [{ index: 0, delta: { content: words[i++] }, finish_reason: null }] }));
          return;
        }
        clearInterval(timer);
        response.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
        response.write(chunk({ choices: [], usage: { prompt_tokens: Math.ceil(body.length / 4), completion_tokens: words.length } }));
        response.end('data: [DONE]\n\n');
      }, 8);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/v1`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

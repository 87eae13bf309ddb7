/** What easy Swedish (lättläst) and translations report in their done event (docs/translate.md). */

import type { EasyReadFigures, EasyReadReport, PlaceholderCount } from './types';

/**
 * `readability: {source, before, after, revised, skipped?}` of a lättläst answer; undefined for anything
 * else (the plain rewrite's `{lix_before, lix_after}` included), and then nothing is shown.
 */
export function parseEasyRead(done: Record<string, unknown>): EasyReadReport | undefined {
  const value = done.readability;
  if (value === null || typeof value !== 'object') return undefined;
  const raw = value as Record<string, unknown>;
  const before = figures(raw.before);
  const after = figures(raw.after);
  if (!before || !after) return undefined;
  return {
    source: figures(raw.source),
    before,
    after,
    revised: raw.revised === true,
    skipped: typeof raw.skipped === 'string' ? raw.skipped : undefined,
  };
}

/** `placeholders: {sent, kept}` of a translation; undefined when absent or malformed. */
export function parsePlaceholders(done: Record<string, unknown>): PlaceholderCount | undefined {
  const value = done.placeholders;
  if (value === null || typeof value !== 'object') return undefined;
  const { sent, kept } = value as Record<string, unknown>;
  return typeof sent === 'number' && typeof kept === 'number' ? { sent, kept } : undefined;
}

function figures(raw: unknown): EasyReadFigures | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const value = raw as Record<string, unknown>;
  const number = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    lix: number(value.lix),
    findings: Array.isArray(value.findings) ? value.findings.length : number(value.findings),
    mean_sentence_length: number(value.mean_sentence_length),
    words: number(value.words),
  };
}

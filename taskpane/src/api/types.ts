/** Request and response shapes of the Kollega API (/api/v1), as the backend's schemas define them. */

export type Language = 'sv' | 'en';
export type Length = 'short' | 'medium' | 'long';
export type Tone = 'formal' | 'neutral' | 'friendly';
export type SourceKind = 'email' | 'thread' | 'document';
export type RewriteGoal = 'plain' | 'shorter' | 'formal' | 'friendly' | 'proofread';

export interface AuthConfig {
  mode: 'dev' | 'entra';
  client_id: string | null;
  scope: string | null;
  authority: string | null;
  /** What the organisation allows in the redaction preview; an older server leaves it out. */
  redaction?: { allow_unmask: boolean };
}

/** Mask this span too (and every mention of its value). Offsets are code points, as in RedactedEntity. */
export interface MaskItem {
  start: number;
  end: number;
  type?: string;
  /** A draft's two texts: which one the offsets index (the server's default is context). */
  field?: 'instruction' | 'context';
}

/** Send the detected spans inside this range as they are. */
export interface UnmaskItem {
  start: number;
  end: number;
  field?: 'instruction' | 'context';
}

/** The user's corrections of the preview, as every request that redacts takes them. */
export interface CorrectionFields {
  mask?: MaskItem[];
  unmask?: UnmaskItem[];
}

export type SummarizeRequest =
  | ({ text: string; kind: SourceKind; length?: Length; language?: Language } & CorrectionFields)
  | { conversation_id: string; mailbox?: string; length?: Length; language?: Language };

export interface DraftRequest extends CorrectionFields {
  /** Required unless template_id is sent. */
  instruction?: string;
  context?: string;
  /** A saved template (src/ui/templates) and its fields' values. */
  template_id?: string;
  fields?: Record<string, string>;
  tone?: Tone;
  length?: Length;
  language?: Language;
}

export interface RewriteRequest extends CorrectionFields {
  text: string;
  goal: RewriteGoal;
  language?: Language;
  template_id?: string;
  fields?: Record<string, string>;
}

/**
 * POST /api/v1/ask: a question about a text, or about an Outlook conversation the server reads through
 * Graph. The answer marks its sources as [1], [2]; the citations event says what each one quotes.
 */
export type AskRequest =
  | ({ text: string; question: string; language?: Language } & CorrectionFields)
  | { conversation_id: string; mailbox?: string; question: string; language?: Language };

/**
 * POST /api/v1/translate. target is "sv", "en", another ISO 639-1 code, or "sv-lattlast" (easy Swedish,
 * written, checked and revised once if the check still finds problems).
 */
export interface TranslateRequest extends CorrectionFields {
  text: string;
  target: string;
  source?: string;
}

/** The target that asks for easy Swedish (lättläst) rather than a translation. */
export const EASY_SWEDISH = 'sv-lattlast';

/**
 * One source of an answer: quote is text[start, end) of the text asked about (start/end in code points,
 * as everywhere in the API), restored. id is the n of "[n]" in the answer.
 */
export interface Citation {
  id: number;
  start: number;
  end: number;
  quote: string;
}

/** A text's figures in easy Swedish's report (counts and measures only, never any of the text). */
export interface EasyReadFigures {
  lix: number | null;
  /** The lättläst findings left in the text. */
  findings: number | null;
  mean_sentence_length: number | null;
  words: number | null;
}

/**
 * Easy Swedish (target sv-lattlast): the figures of the user's text (when sent with source "sv"), of
 * the first draft (before) and of the text delivered (after), and whether the revise round ran.
 */
export interface EasyReadReport {
  source: EasyReadFigures | undefined;
  before: EasyReadFigures;
  after: EasyReadFigures;
  revised: boolean;
  /** Why no revise round ran although findings were left: busy, engine_unavailable, text_too_long. */
  skipped: string | undefined;
}

/** A translation's placeholders: how many masked values the model got, and how many its answer kept. */
export interface PlaceholderCount {
  sent: number;
  kept: number;
}

/** One masked detail. start/end are Python string indices: code points, not UTF-16 units. */
export interface RedactedEntity {
  start: number;
  end: number;
  type: string;
  placeholder: string;
}

export interface RedactionResult {
  redacted: string;
  entities: RedactedEntity[];
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** LIX of the text before a plain-language rewrite and of the answer; after is null when nothing was written. */
export interface LixChange {
  before: number;
  after: number | null;
}

export type GenerationEvent =
  | { type: 'meta'; requestId: string; redactions: Record<string, number> }
  | { type: 'progress'; part: number; parts: number }
  | { type: 'delta'; text: string }
  | { type: 'citations'; citations: Citation[] }
  /** Easy Swedish: the draft had findings, so a revised text follows; the text shown so far is the draft. */
  | { type: 'revision'; findings: number }
  | {
      type: 'done';
      finishReason: string;
      usage: Usage | undefined;
      readability?: LixChange;
      easyRead?: EasyReadReport;
      placeholders?: PlaceholderCount;
    };

/** The readability check's kinds of finding (docs/readability.md); a newer server may send others. */
export type FindingKind = 'long_sentence' | 'officialese' | 'noun_heavy' | 'passive' | 'abbreviation' | 'no_direct_address';

export type ReadabilityBand = 'very_easy' | 'easy' | 'medium' | 'difficult' | 'very_difficult';

/**
 * One thing to fix. start/end are Python string indices (code points) into the text as sent; the
 * span 0..0 means the whole text. message and suggestion are in Swedish: they are about Swedish text.
 */
export interface ReadabilityFinding {
  kind: FindingKind | (string & {});
  start: number;
  end: number;
  message: string;
  suggestion: string | null;
}

/** POST /api/v1/readability: LIX, its parts and the findings in text order. */
export interface ReadabilityReport {
  lix: number;
  band: ReadabilityBand;
  band_label: string;
  words: number;
  sentences: number;
  long_words: number;
  mean_sentence_length: number;
  addresses_reader: boolean;
  /** Word variation (OVIX); null for a text under 100 words. Absent from an older server. */
  ovix?: number | null;
  ovix_band?: 'low' | 'medium' | 'high' | 'very_high' | null;
  ovix_label?: string | null;
  /** Nominal ratio (nominalkvot); null with too few verbs, pronouns and adverbs. */
  nominal_ratio?: number | null;
  nominal_band?: 'low' | 'medium' | 'high' | 'very_high' | null;
  nominal_label?: string | null;
  /** The text reads as a decision letter: the decision checks ran. */
  is_decision?: boolean;
  findings: ReadabilityFinding[];
}

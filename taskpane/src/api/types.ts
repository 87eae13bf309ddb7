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
}

export type SummarizeRequest =
  | { text: string; kind: SourceKind; length?: Length; language?: Language }
  | { conversation_id: string; length?: Length; language?: Language };

export interface DraftRequest {
  instruction: string;
  context?: string;
  tone?: Tone;
  length?: Length;
  language?: Language;
}

export interface RewriteRequest {
  text: string;
  goal: RewriteGoal;
  language?: Language;
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

export type GenerationEvent =
  | { type: 'meta'; requestId: string; redactions: Record<string, number> }
  | { type: 'progress'; part: number; parts: number }
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: string; usage: Usage | undefined };

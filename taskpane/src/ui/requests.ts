/** Turns what the user chose into the API call to make; the hook runs it, and runs it again on retry. */

import type { KollegaApi } from '../api/client';
import { cleanText } from '../api/client';
import { payloadFor, type Corrections } from '../api/corrections';
import { ApiError } from '../api/errors';
import type { TranslationTarget } from '../api/languages';
import { EASY_SWEDISH, type CorrectionFields, type GenerationEvent, type Language, type Length, type Tone } from '../api/types';
import type { SourceText, Task } from '../hosts/host';
import type { RewriteChoice } from '../settings/preferences';
import type { GenerationRun } from './use-generation';

export interface TaskInput {
  task: Task;
  language: Language;
  source: SourceText | undefined;
  context: string;
  conversationId: string | undefined;
  /** The shared mailbox that holds the conversation, asked for when the request is made. */
  mailbox?: () => Promise<string | undefined>;
  /** Summaries and questions: the message, or the whole conversation read by the server. */
  summaryScope: 'message' | 'thread';
  /** The question of an ask. */
  question?: string;
  summaryLength: Length;
  instruction: string;
  tone: Tone;
  draftLength: Length;
  goal: RewriteChoice;
  /** Where goal is translate: the language to translate into. */
  target?: TranslationTarget;
  /**
   * The user's corrections of the preview, by previewed part: the text (summarize, rewrite), or the
   * instruction (0) and the context (1) of a draft.
   */
  corrections?: Corrections;
  /** A chosen template (src/ui/templates) and its fields' values. */
  template?: { template_id: string; fields: Record<string, string> };
}

export function buildRun(api: KollegaApi, input: TaskInput): GenerationRun {
  const { language } = input;
  switch (input.task) {
    case 'summarize': {
      const source = requireText(input.source);
      const fromText = {
        text: source.text,
        kind: source.kind,
        length: input.summaryLength,
        language,
        ...correctionFields(input.corrections, 0, source.text),
      };
      const conversationId = input.summaryScope === 'thread' ? input.conversationId : undefined;
      if (!conversationId) return (signal) => api.summarize(fromText, signal);
      const byConversation = { conversation_id: conversationId, length: input.summaryLength, language };
      return (signal, notify) =>
        withThreadFallback(
          (mailbox) => api.summarize(mailbox ? { ...byConversation, mailbox } : byConversation, signal),
          () => api.summarize(fromText, signal),
          input.mailbox,
          () => notify('thread_fallback'),
        );
    }
    case 'ask': {
      const source = requireText(input.source);
      const question = input.question ?? '';
      const fromText = { text: source.text, question, language, ...correctionFields(input.corrections, 0, source.text) };
      const conversationId = input.summaryScope === 'thread' ? input.conversationId : undefined;
      if (!conversationId) return (signal) => api.ask(fromText, signal);
      return (signal, notify) =>
        withThreadFallback(
          (mailbox) => api.ask({ conversation_id: conversationId, question, language, ...(mailbox ? { mailbox } : {}) }, signal),
          () => api.ask(fromText, signal),
          input.mailbox,
          () => notify('thread_fallback'),
        );
    }
    case 'draft': {
      const request = {
        // With a template the instruction is optional: what the user wrote is added to the template's.
        ...(input.template && !input.instruction.trim() ? {} : { instruction: input.instruction }),
        ...input.template,
        tone: input.tone,
        length: input.draftLength,
        language,
        ...(input.context.trim() ? { context: input.context } : {}),
        ...draftCorrections(input.corrections, input.instruction, input.context),
      };
      return (signal) => api.draft(request, signal);
    }
    case 'rewrite': {
      const source = requireText(input.source);
      const corrections = correctionFields(input.corrections, 0, source.text);
      if (input.goal === 'translate' || input.goal === 'easy') {
        // Easy Swedish is written from Swedish: saying so also gets the figures of the user's own text.
        const request =
          input.goal === 'easy'
            ? { text: source.text, target: EASY_SWEDISH, source: 'sv', ...corrections }
            : { text: source.text, target: input.target ?? 'en', ...corrections };
        return (signal) => api.translate(request, signal);
      }
      const request = {
        text: source.text,
        goal: input.goal,
        language,
        ...corrections,
        ...input.template,
      };
      return (signal) => api.rewrite(request, signal);
    }
  }
}

/**
 * The whole conversation, read by the server through Graph. Until Graph is set up the server answers
 * graph_unavailable; then the message in the pane is used instead, and the user is told.
 */
async function* withThreadFallback(
  byConversation: (mailbox: string | undefined) => AsyncIterable<GenerationEvent>,
  byText: () => AsyncIterable<GenerationEvent>,
  sharedMailbox: (() => Promise<string | undefined>) | undefined,
  onFallback: () => void,
): AsyncGenerator<GenerationEvent> {
  const mailbox = sharedMailbox ? await sharedMailbox() : undefined;
  try {
    yield* byConversation(mailbox);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'graph_unavailable')) throw error;
    onFallback();
    yield* byText();
  }
}

/** One text's corrections, only when there are some: the offsets index the text as the API gets it. */
function correctionFields(corrections: Corrections | undefined, part: number, text: string): CorrectionFields {
  if (!corrections) return {};
  const { mask, unmask } = payloadFor(corrections, part, cleanText(text));
  return { ...(mask.length ? { mask } : {}), ...(unmask.length ? { unmask } : {}) };
}

/** A draft's corrections, each naming the text it indexes. */
function draftCorrections(corrections: Corrections | undefined, instruction: string, context: string): CorrectionFields {
  const first = correctionFields(corrections, 0, instruction);
  const second = context.trim() ? correctionFields(corrections, 1, context) : {};
  const mask = [
    ...(first.mask ?? []).map((m) => ({ ...m, field: 'instruction' as const })),
    ...(second.mask ?? []).map((m) => ({ ...m, field: 'context' as const })),
  ];
  const unmask = [
    ...(first.unmask ?? []).map((u) => ({ ...u, field: 'instruction' as const })),
    ...(second.unmask ?? []).map((u) => ({ ...u, field: 'context' as const })),
  ];
  return { ...(mask.length ? { mask } : {}), ...(unmask.length ? { unmask } : {}) };
}

function requireText(source: SourceText | undefined): SourceText {
  if (!source || !source.text.trim()) throw new ApiError('empty_text', 'There is no text.');
  return source;
}

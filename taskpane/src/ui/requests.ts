/** Turns what the user chose into the API call to make; the hook runs it, and runs it again on retry. */

import type { KollegaApi } from '../api/client';
import { cleanText } from '../api/client';
import { payloadFor, type Corrections } from '../api/corrections';
import { ApiError } from '../api/errors';
import type { CorrectionFields, GenerationEvent, Language, Length, RewriteGoal, Tone } from '../api/types';
import type { SourceText, Task } from '../hosts/host';
import type { GenerationRun } from './use-generation';

export interface TaskInput {
  task: Task;
  language: Language;
  source: SourceText | undefined;
  context: string;
  conversationId: string | undefined;
  /** The shared mailbox that holds the conversation, asked for when the request is made. */
  mailbox?: () => Promise<string | undefined>;
  summaryScope: 'message' | 'thread';
  summaryLength: Length;
  instruction: string;
  tone: Tone;
  draftLength: Length;
  goal: RewriteGoal;
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
      return (signal, notify) =>
        summarizeConversation(
          api,
          { conversation_id: conversationId, length: input.summaryLength, language },
          input.mailbox,
          fromText,
          signal,
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
      const request = {
        text: source.text,
        goal: input.goal,
        language,
        ...correctionFields(input.corrections, 0, source.text),
        ...input.template,
      };
      return (signal) => api.rewrite(request, signal);
    }
  }
}

/**
 * The whole conversation, read by the server through Graph. Until Graph is set up the server answers
 * graph_unavailable; then the message in the pane is summarised instead, and the user is told.
 */
async function* summarizeConversation(
  api: KollegaApi,
  byConversation: { conversation_id: string; length: Length; language: Language },
  sharedMailbox: (() => Promise<string | undefined>) | undefined,
  byText: Parameters<KollegaApi['summarize']>[0],
  signal: AbortSignal,
  onFallback: () => void,
): AsyncGenerator<GenerationEvent> {
  const mailbox = sharedMailbox ? await sharedMailbox() : undefined;
  try {
    yield* api.summarize(mailbox ? { ...byConversation, mailbox } : byConversation, signal);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'graph_unavailable')) throw error;
    onFallback();
    yield* api.summarize(byText, signal);
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

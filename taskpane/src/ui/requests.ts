/** Turns what the user chose into the API call to make; the hook runs it, and runs it again on retry. */

import type { KollegaApi } from '../api/client';
import { ApiError } from '../api/errors';
import type { GenerationEvent, Language, Length, RewriteGoal, Tone } from '../api/types';
import type { SourceText, Task } from '../hosts/host';
import type { GenerationRun } from './use-generation';

export interface TaskInput {
  task: Task;
  language: Language;
  source: SourceText | undefined;
  context: string;
  conversationId: string | undefined;
  summaryScope: 'message' | 'thread';
  summaryLength: Length;
  instruction: string;
  tone: Tone;
  draftLength: Length;
  goal: RewriteGoal;
  /** A chosen template (src/ui/templates) and its fields' values. */
  template?: { template_id: string; fields: Record<string, string> };
}

export function buildRun(api: KollegaApi, input: TaskInput): GenerationRun {
  const { language } = input;
  switch (input.task) {
    case 'summarize': {
      const source = requireText(input.source);
      const fromText = { text: source.text, kind: source.kind, length: input.summaryLength, language };
      const conversationId = input.summaryScope === 'thread' ? input.conversationId : undefined;
      if (!conversationId) return (signal) => api.summarize(fromText, signal);
      return (signal, notify) =>
        summarizeConversation(api, { conversation_id: conversationId, length: input.summaryLength, language }, fromText, signal, () =>
          notify('thread_fallback'),
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
      };
      return (signal) => api.draft(request, signal);
    }
    case 'rewrite': {
      const source = requireText(input.source);
      return (signal) => api.rewrite({ text: source.text, goal: input.goal, language, ...input.template }, signal);
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
  byText: Parameters<KollegaApi['summarize']>[0],
  signal: AbortSignal,
  onFallback: () => void,
): AsyncGenerator<GenerationEvent> {
  try {
    yield* api.summarize(byConversation, signal);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'graph_unavailable')) throw error;
    onFallback();
    yield* api.summarize(byText, signal);
  }
}

function requireText(source: SourceText | undefined): SourceText {
  if (!source || !source.text.trim()) throw new ApiError('empty_text', 'There is no text.');
  return source;
}

/**
 * The options a user chose last time, remembered per user. Only choices from fixed lists are kept:
 * never an instruction or any other text, which may hold personal data.
 */

import { TRANSLATION_TARGETS, type TranslationTarget } from '../api/languages';
import type { Length, RewriteGoal, Tone } from '../api/types';
import type { HostKind, Task } from '../hosts/host';

/** A rewrite option: one of the rewrite endpoint's goals, or a translation, or easy Swedish (lättläst). */
export type RewriteChoice = RewriteGoal | 'translate' | 'easy';

export interface Preferences {
  /** The last task per host and mode: Outlook read, Outlook compose and Word differ. */
  task: Partial<Record<HostKind, Task>>;
  summaryLength: Length;
  summaryScope: 'message' | 'thread';
  tone: Tone;
  draftLength: Length;
  goal: RewriteChoice;
  /** The language "Översätt" translates into. */
  target: TranslationTarget;
  /** The klarspråk checklist: which questions the user has ticked (ids only, never any text). */
  checklist: Record<string, boolean>;
}

/** The checklist's questions, in order; the strings live in i18n. */
export const CHECKLIST_QUESTIONS = ['reader', 'purpose', 'first', 'headings', 'address', 'words'] as const;

export const DEFAULT_PREFERENCES: Preferences = {
  task: {},
  summaryLength: 'medium',
  summaryScope: 'message',
  tone: 'neutral',
  draftLength: 'medium',
  goal: 'plain',
  target: 'en',
  checklist: {},
};

export interface PreferenceStore {
  load(): Preferences;
  save(preferences: Preferences): void;
}

const KEY = 'kollega.preferences.v1';
const LENGTHS: readonly string[] = ['short', 'medium', 'long'];
const TONES: readonly string[] = ['formal', 'neutral', 'friendly'];
const GOALS: readonly string[] = ['plain', 'shorter', 'formal', 'friendly', 'proofread', 'translate', 'easy'];
const TASKS: readonly string[] = ['summarize', 'ask', 'draft', 'rewrite'];
const HOSTS: readonly string[] = ['outlook-read', 'outlook-compose', 'word'];

/** Whatever was stored, reduced to known keys with allowed values; anything else is dropped. */
export function sanitize(raw: unknown): Preferences {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pick = <T extends string>(v: unknown, allowed: readonly string[], fallback: T): T =>
    typeof v === 'string' && allowed.includes(v) ? (v as T) : fallback;
  const task: Preferences['task'] = {};
  if (value.task && typeof value.task === 'object') {
    for (const [host, t] of Object.entries(value.task as Record<string, unknown>)) {
      if (HOSTS.includes(host) && typeof t === 'string' && TASKS.includes(t)) task[host as HostKind] = t as Task;
    }
  }
  return {
    task,
    summaryLength: pick(value.summaryLength, LENGTHS, DEFAULT_PREFERENCES.summaryLength),
    summaryScope: pick(value.summaryScope, ['message', 'thread'], DEFAULT_PREFERENCES.summaryScope),
    tone: pick(value.tone, TONES, DEFAULT_PREFERENCES.tone),
    draftLength: pick(value.draftLength, LENGTHS, DEFAULT_PREFERENCES.draftLength),
    goal: pick(value.goal, GOALS, DEFAULT_PREFERENCES.goal),
    target: pick(value.target, TRANSLATION_TARGETS, DEFAULT_PREFERENCES.target),
    checklist: sanitizeChecklist(value.checklist),
  };
}

function sanitizeChecklist(raw: unknown): Record<string, boolean> {
  const checklist: Record<string, boolean> = {};
  if (raw && typeof raw === 'object') {
    for (const id of CHECKLIST_QUESTIONS) {
      if ((raw as Record<string, unknown>)[id] === true) checklist[id] = true;
    }
  }
  return checklist;
}

/** localStorage: per user profile and origin. Word has no per-user roaming store for add-ins. */
export class LocalPreferenceStore implements PreferenceStore {
  constructor(private readonly storage: Storage | undefined = safeLocalStorage()) {}

  load(): Preferences {
    try {
      return sanitize(JSON.parse(this.storage?.getItem(KEY) ?? '{}'));
    } catch {
      return sanitize({});
    }
  }

  save(preferences: Preferences): void {
    try {
      this.storage?.setItem(KEY, JSON.stringify(sanitize(preferences)));
    } catch {
      // Storage full or blocked (private mode): the options are a convenience, not worth an error.
    }
  }
}

/** Outlook's roaming settings follow the user to every computer and to Outlook on the web. */
export class RoamingPreferenceStore implements PreferenceStore {
  constructor(private readonly settings: Office.RoamingSettings) {}

  load(): Preferences {
    return sanitize(this.settings.get(KEY));
  }

  save(preferences: Preferences): void {
    this.settings.set(KEY, sanitize(preferences));
    this.settings.saveAsync();
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  LocalPreferenceStore,
  RoamingPreferenceStore,
  sanitize,
} from '../../src/settings/preferences';

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

describe('preferences', () => {
  it('keeps only known options with allowed values: never any text', () => {
    const stored = sanitize({
      tone: 'friendly',
      goal: 'Anna Andersson 850315-2384',
      instruction: 'Skriv till Anna om hennes skuld',
      task: { word: 'rewrite', 'outlook-read': 'hack', other: 'draft' },
      summaryLength: 'long',
    });
    expect(stored).toEqual({ ...DEFAULT_PREFERENCES, tone: 'friendly', summaryLength: 'long', task: { word: 'rewrite' } });
    expect(JSON.stringify(stored)).not.toContain('Anna');
  });

  it('falls back to defaults on garbage', () => {
    expect(sanitize('nonsense')).toEqual(DEFAULT_PREFERENCES);
    const storage = new MemoryStorage();
    storage.setItem('kollega.preferences.v1', '{not json');
    expect(new LocalPreferenceStore(storage as unknown as Storage).load()).toEqual(DEFAULT_PREFERENCES);
  });

  it('round-trips through localStorage', () => {
    const storage = new MemoryStorage();
    const store = new LocalPreferenceStore(storage as unknown as Storage);
    store.save({ ...DEFAULT_PREFERENCES, goal: 'proofread', task: { word: 'summarize' } });
    expect(new LocalPreferenceStore(storage as unknown as Storage).load()).toMatchObject({
      goal: 'proofread',
      task: { word: 'summarize' },
    });
  });

  it('saves to Outlook roaming settings', () => {
    const values = new Map<string, unknown>();
    let saved = 0;
    const settings = {
      get: (k: string) => values.get(k),
      set: (k: string, v: unknown) => values.set(k, v),
      saveAsync: () => {
        saved += 1;
      },
    } as unknown as Office.RoamingSettings;
    const store = new RoamingPreferenceStore(settings);
    store.save({ ...DEFAULT_PREFERENCES, tone: 'formal' });
    expect(saved).toBe(1);
    expect(store.load().tone).toBe('formal');
  });
});

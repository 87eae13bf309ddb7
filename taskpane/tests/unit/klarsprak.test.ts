/** Klarspråk beyond LIX in the pane: OVIX and nominal ratio, sentence levels, the decision check, the checklist. */

import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { prepareFindings, splitByFindings } from '../../src/api/readability';
import type { ReadabilityFinding, ReadabilityReport } from '../../src/api/types';
import { DEFAULT_PREFERENCES, sanitize } from '../../src/settings/preferences';
import { PaneRoot } from '../../src/ui/PaneRoot';
import { ReadabilityReportView } from '../../src/ui/readability/ReportView';
import { KlarsprakChecklist } from '../../src/ui/readability/Checklist';

const TEXT = 'Beslut. Ansökan avslås. Vi vet att den som söker stöd när det behövs kan få hjälp. Sökanden får svar.';

function finding(kind: string, start: number, end: number, message: string, suggestion: string | null = null): ReadabilityFinding {
  return { kind, start, end, message, suggestion };
}

function report(findings: ReadabilityFinding[], extra: Partial<ReadabilityReport> = {}): ReadabilityReport {
  return {
    lix: 31.2,
    band: 'easy',
    band_label: 'Lätt',
    words: 20,
    sentences: 4,
    long_words: 3,
    mean_sentence_length: 5,
    addresses_reader: false,
    findings,
    ...extra,
  };
}

const hardStart = TEXT.indexOf('Vi vet');
const hardEnd = TEXT.indexOf('hjälp.') + 'hjälp.'.length;
const FINDINGS = [
  finding('decision_no_appeal_information', 0, 0, 'Beslutet saknar information om hur man överklagar.', 'Om du inte är nöjd …'),
  finding('hard_sentence', hardStart, hardEnd, 'Svår mening.'),
  finding('decision_third_person', TEXT.indexOf('Sökanden'), TEXT.indexOf('Sökanden') + 8, 'Tilltala mottagaren direkt.', 'du'),
];

function inPane(language: 'sv' | 'en', child: ReactElement): string {
  return renderToStaticMarkup(createElement(PaneRoot, { language, theme: 'light', children: child }));
}

function view(rep: ReadabilityReport, previewOpen = false, language: 'sv' | 'en' = 'sv'): string {
  const findings = prepareFindings(TEXT, rep);
  return inPane(
    language,
    createElement(ReadabilityReportView, {
      report: rep,
      text: TEXT,
      findings,
      full: true,
      selectedId: undefined,
      onSelect: () => undefined,
      previewOpen,
      onTogglePreview: () => undefined,
    }),
  );
}

const visible = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '|');

describe('measures', () => {
  it('shows OVIX and the nominal ratio with their bands and what they mean', () => {
    const html = view(report([], { ovix: 58.4, ovix_band: 'medium', ovix_label: 'Normal variation', nominal_ratio: 1.37, nominal_band: 'high', nominal_label: 'Substantivtung' }));
    expect(visible(html)).toContain('|Ordvariation (OVIX)||58,4 · Normal variation|');
    expect(visible(html)).toContain('|Nominalkvot||1,37 · Substantivtung|');
    expect(html).toContain('data-band="high"');
    expect(html).toContain('aria-label="Mått på texten"');
  });

  it('says when a text is too short to measure, and works with an older server', () => {
    const html = view(report([]));
    expect(visible(html).match(/För kort text för att mäta/g)).toHaveLength(2);
  });
});

describe('sentence levels', () => {
  it('colours a hard sentence in the text without marking its words', () => {
    const findings = prepareFindings(TEXT, report(FINDINGS));
    const pieces = splitByFindings(TEXT, findings, undefined);
    expect(pieces.map((p) => p.text).join('')).toBe(TEXT);
    expect(pieces.filter((p) => p.level === 'hard_sentence').map((p) => p.text).join('')).toBe(TEXT.slice(hardStart, hardEnd));
    const html = view(report(FINDINGS), true);
    expect(html).toMatch(/data-testid="sentence-level" data-level="hard_sentence">Vi vet att/);
  });
});

describe('decision check', () => {
  it('lists what the decision lacks, with a suggested wording, apart from the other notes', () => {
    const html = view(report(FINDINGS, { is_decision: true }));
    expect(html).toContain('data-testid="decision-check"');
    expect(visible(html)).toContain('Beslutet saknar information om hur man överklagar.');
    expect(visible(html)).toContain('Förslag: Om du inte är nöjd …');
    expect(html).not.toContain('data-testid="finding-note"');
    // The third-person word has a place in the text: a finding in the list.
    expect(html).toMatch(/data-testid="finding" data-kind="decision_third_person"/);
  });

  it('says a complete decision is complete, and shows nothing for other texts', () => {
    expect(visible(view(report([], { is_decision: true })))).toContain('Beslutet har beslutsmening, datum');
    expect(view(report([], { is_decision: false }))).not.toContain('decision-check');
  });
});

describe('checklist', () => {
  it('shows the questions with their state and progress', () => {
    const html = inPane('sv', createElement(KlarsprakChecklist, { ticked: { reader: true, first: true }, onChange: () => undefined }));
    expect(html.match(/type="checkbox"/g)).toHaveLength(6);
    expect(html.match(/checked=""/g)).toHaveLength(2);
    expect(visible(html)).toContain('2 av 6 klara');
  });

  it('is kept with the preferences as ticked ids only, never text', () => {
    const stored = sanitize({ checklist: { reader: true, purpose: false, first: 'yes', note: 'Anna 850315-2384', words: true } });
    expect(stored.checklist).toEqual({ reader: true, words: true });
    expect(sanitize({}).checklist).toEqual(DEFAULT_PREFERENCES.checklist);
    expect(JSON.stringify(stored)).not.toContain('Anna');
  });
});

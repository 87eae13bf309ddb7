/** The readability card's own styles: the LIX meter, the figures, and the findings marked in the text. */

import { makeStyles, tokens } from '@fluentui/react-components';

export const useReadabilityStyles = makeStyles({
  checking: { alignSelf: 'flex-start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  feedback: {
    margin: 0,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },

  // The meter
  meterTop: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  lixValue: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  band: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  swatch: { width: '10px', height: '10px', borderRadius: tokens.borderRadiusCircular, flexShrink: 0, forcedColorAdjust: 'none' },
  meter: {
    position: 'relative',
    display: 'flex',
    height: '8px',
    marginTop: tokens.spacingVerticalXS,
    // Segments sit inside a neutral outline, so the bar holds its edge on any background.
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
    // High contrast would blank the colours (and the marker with them); the band is also in words.
    forcedColorAdjust: 'none',
  },
  segment: { height: '100%' },
  marker: {
    position: 'absolute',
    top: '-5px',
    width: '4px',
    height: '18px',
    marginLeft: '-2px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralForeground1,
    outline: `2px solid ${tokens.colorNeutralBackground1}`,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText', outlineColor: 'Canvas' },
  },
  ticks: {
    position: 'relative',
    height: '20px',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
  },
  // Below the marker's end, so a value near a bound never covers the bound's number.
  tick: { position: 'absolute', top: '6px', transform: 'translateX(-50%)' },
  very_easy: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  easy: { backgroundColor: tokens.colorPaletteLightGreenBackground3 },
  medium: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  difficult: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  very_difficult: { backgroundColor: tokens.colorPaletteRedBackground3 },

  // The figures
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  stat: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  statName: { color: tokens.colorNeutralForeground2 },
  statValue: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },

  // The findings
  note: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  noteIcon: { flexShrink: 0, fontSize: '16px', color: tokens.colorBrandForeground1 },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // On top of the shared choice style: the quote above its message.
  finding: { flexDirection: 'column', gap: '2px' },
  findingQuote: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  findingMessage: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },

  // The text
  region: { position: 'relative', maxHeight: '200px' },
  mark: {
    // Marigold with the neutral foreground: at least 6:1 in the light and the dark theme.
    backgroundColor: tokens.colorPaletteMarigoldBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusSmall,
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Mark', color: 'MarkText' },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    '@media (forced-colors: active)': { backgroundColor: 'Highlight', color: 'HighlightText', outlineColor: 'Highlight' },
  },
  // Hard and very hard sentences, as a Hemingway-style editor colours them; text stays readable in dark themes.
  hard: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
  },
  veryHard: {
    backgroundColor: tokens.colorPaletteRedBackground2,
    color: tokens.colorNeutralForeground1,
  },
  selectedSentence: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    borderRadius: tokens.borderRadiusSmall,
    // The shade alone is faint in the dark theme: the underline says "this sentence" in any theme.
    textDecorationLine: 'underline',
    textDecorationColor: tokens.colorBrandStroke1,
    textDecorationThickness: '2px',
    textUnderlineOffset: '3px',
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight', color: 'HighlightText' },
  },
  toggle: { alignSelf: 'flex-start' },
});

/** LIX as a number, its band in words and on a coloured scale; and LIX before and after a rewrite. */

import { mergeClasses } from '@fluentui/react-components';
import { TextGrammarCheckmarkRegular } from '@fluentui/react-icons';
import { bandFor, LIX_BOUNDS, LIX_SCALE_MAX, meterPercent } from '../../api/readability';
import type { ReadabilityBand } from '../../api/types';
import { formatLix, useStrings, type Strings } from '../../i18n';
import { useReadabilityStyles } from './styles';

const BAND_ORDER: ReadabilityBand[] = ['very_easy', 'easy', 'medium', 'difficult', 'very_difficult'];

/** Where the value sits on a scale from very easy to very difficult. */
export function LixMeter({ strings, lix, band }: { strings: Strings; lix: number; band: ReadabilityBand }) {
  const styles = useReadabilityStyles();
  const value = formatLix(strings, lix);
  const label = strings.readability.bands[band];
  // Segment widths follow the scale: 0–30, 30–40, 40–50, 50–60, 60–80.
  const edges = [0, ...LIX_BOUNDS, LIX_SCALE_MAX];
  return (
    <div>
      <div className={styles.meterTop}>
        <span className={styles.lixValue} data-testid="lix-value">{`LIX ${value}`}</span>
        <span className={styles.band} data-testid="lix-band" data-band={band}>
          <span className={mergeClasses(styles.swatch, styles[band])} aria-hidden />
          {label}
        </span>
      </div>
      <div
        role="meter"
        aria-label={strings.readability.meterLabel}
        aria-valuemin={0}
        aria-valuemax={Math.max(LIX_SCALE_MAX, lix)}
        aria-valuenow={lix}
        aria-valuetext={`${value}, ${label}`}
        title={strings.readability.scale}
        className={styles.meter}
      >
        {BAND_ORDER.map((b, i) => (
          <div
            key={b}
            className={mergeClasses(styles.segment, styles[b])}
            style={{ width: `${(((edges[i + 1] ?? 0) - (edges[i] ?? 0)) / LIX_SCALE_MAX) * 100}%` }}
          />
        ))}
        <div className={styles.marker} style={{ left: `${meterPercent(lix)}%` }} />
      </div>
      <div className={styles.ticks} aria-hidden>
        {LIX_BOUNDS.map((bound) => (
          <span key={bound} className={styles.tick} style={{ left: `${(bound / LIX_SCALE_MAX) * 100}%` }}>
            {bound}
          </span>
        ))}
      </div>
    </div>
  );
}

/** LIX before and after a plain-language rewrite, for the answer card. */
export function LixChangeLine({ before, after }: { before: number; after: number | null }) {
  const strings = useStrings();
  const styles = useReadabilityStyles();
  const describe = (lix: number): string => `${formatLix(strings, lix)} (${strings.readability.bands[bandFor(lix)]})`;
  return (
    // A status: read out politely when the rewrite is done, after the answer itself.
    <p className={styles.note} role="status" data-testid="lix-change">
      <TextGrammarCheckmarkRegular className={styles.noteIcon} aria-hidden />
      <span>
        <strong>{`${strings.readability.changeHeading}: `}</strong>
        {after === null ? strings.readability.beforeOnly(describe(before)) : strings.readability.change(describe(before), describe(after))}
      </span>
    </p>
  );
}

/** OVIX and the nominal ratio beside LIX: each value with its band and one line on what it means. */

import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReadabilityReport } from '../../api/types';
import { useStrings } from '../../i18n';

const useStyles = makeStyles({
  list: { margin: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  item: { display: 'grid', gap: '2px' },
  name: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase300 },
  help: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export function ReadabilityMeasures({ report }: { report: ReadabilityReport }) {
  const strings = useStrings();
  const styles = useStyles();
  const m = strings.readability.measures;
  const number = (value: number, digits: number): string =>
    value.toLocaleString(strings.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const ovix = report.ovix == null ? m.tooShort : `${number(report.ovix, 1)} · ${report.ovix_label ?? ''}`;
  const nominal =
    report.nominal_ratio == null ? m.tooShort : `${number(report.nominal_ratio, 2)} · ${report.nominal_label ?? ''}`;
  return (
    <dl className={styles.list} aria-label={m.label} data-testid="readability-measures">
      <div className={styles.item}>
        <dt className={styles.name}>{m.ovix}</dt>
        <dd className={styles.value} data-testid="ovix" data-band={report.ovix_band ?? ''}>
          {ovix}
        </dd>
        <dd className={styles.help}>{m.ovixHelp}</dd>
      </div>
      <div className={styles.item}>
        <dt className={styles.name}>{m.nominal}</dt>
        <dd className={styles.value} data-testid="nominal-ratio" data-band={report.nominal_band ?? ''}>
          {nominal}
        </dd>
        <dd className={styles.help}>{m.nominalHelp}</dd>
      </div>
    </dl>
  );
}

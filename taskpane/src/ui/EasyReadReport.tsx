/** Easy Swedish (lättläst): the check-and-revise round, and the figures before and after it. */

import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { EasyReadFigures, EasyReadReport as Report } from '../api/types';
import { formatLix, useStrings } from '../i18n';
import { useSharedStyles } from './styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  cell: {
    textAlign: 'start',
    padding: `2px ${tokens.spacingHorizontalS} 2px 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  number: { fontVariantNumeric: 'tabular-nums' },
  caption: { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, paddingBottom: tokens.spacingVerticalXS },
});

type Column = { name: string; figures: EasyReadFigures };

export function EasyReadReport({ report }: { report: Report }) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const words = strings.rewrite.easyReport;
  // The user's text when the server measured it; the first draft only when a revision replaced it.
  const columns: Column[] = [
    ...(report.source ? [{ name: words.source, figures: report.source }] : []),
    ...(report.revised ? [{ name: words.before, figures: report.before }] : []),
    { name: words.after, figures: report.after },
  ];
  const number = (value: number | null, lix = false): string =>
    value === null ? '–' : lix ? formatLix(strings, value) : value.toLocaleString(strings.locale, { maximumFractionDigits: 1 });
  const rows: { name: string; value: (f: EasyReadFigures) => string }[] = [
    { name: words.lix, value: (f) => number(f.lix, true) },
    { name: words.findings, value: (f) => number(f.findings) },
    { name: words.meanSentence, value: (f) => number(f.mean_sentence_length) },
  ];
  const said = report.revised ? words.revised : report.skipped ? words.skipped : words.notRevised;
  return (
    <div className={styles.root} data-testid="easy-read" data-revised={report.revised ? 'true' : 'false'}>
      {/* A status: read out when the text is done, after the answer itself. */}
      <p className={shared.small} role="status">
        <strong>{`${words.heading}: `}</strong>
        {said}
      </p>
      <table className={styles.table}>
        <caption className={styles.caption}>{words.tableLabel}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>
              {words.measure}
            </th>
            {columns.map((c) => (
              <th key={c.name} scope="col" className={styles.cell}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} data-testid="easy-read-row">
              <th scope="row" className={styles.cell}>
                {row.name}
              </th>
              {columns.map((c) => (
                <td key={c.name} className={mergeClasses(styles.cell, styles.number)}>
                  {row.value(c.figures)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "N personal details will be masked before the text is sent", by type, with the text itself
 * highlighted on request: the user sees what the model will not.
 */

import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { ShieldLockRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { countByType, splitBySpans } from '../api/redaction';
import { describeCounts, typeLabel, useStrings } from '../i18n';
import { useSharedStyles } from './styles';
import type { RedactionPreview as Preview } from './use-redaction';

const useStyles = makeStyles({
  line: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  icon: {
    flexShrink: 0,
    fontSize: '16px',
    color: tokens.colorBrandForeground1,
  },
  text: { flexGrow: 1, paddingTop: '1px' },
  toggle: { flexShrink: 0, minWidth: 'auto', marginTop: '-5px' },
  region: {
    maxHeight: '240px',
    overflowY: 'auto',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase300,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  partLabel: {
    display: 'block',
    fontWeight: tokens.fontWeightSemibold,
    marginTop: tokens.spacingVerticalXS,
  },
  mark: {
    // Brand background with its own foreground: the pair is contrast-checked in every Fluent theme.
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    borderRadius: tokens.borderRadiusSmall,
    padding: '0 2px',
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
  tag: {
    marginLeft: '2px',
    padding: '0 4px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase100,
    whiteSpace: 'nowrap',
  },
});

export interface RedactionPreviewProps {
  preview: Preview;
  /** Said instead of a preview when the server reads the text itself (a whole conversation). */
  serverSideNote?: string;
}

export function RedactionPreview({ preview, serverSideNote }: RedactionPreviewProps) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const [open, setOpen] = useState(false);
  const regionId = useId();

  const spans = preview.parts.flatMap((p) => p.spans);
  const counts = countByType(spans);
  let message: string;
  if (serverSideNote) message = serverSideNote;
  else if (preview.status === 'checking' && preview.parts.length === 0) message = strings.redaction.checking;
  else if (preview.status === 'error') message = strings.redaction.failed;
  else if (spans.length === 0) message = preview.status === 'idle' ? '' : strings.redaction.none;
  else message = strings.redaction.summary(spans.length, describeCounts(strings, counts));
  if (!message) return null;

  const canShow = !serverSideNote && spans.length > 0;
  return (
    <div>
      <div className={styles.line} data-testid="redaction-summary">
        {preview.status === 'checking' ? (
          <Spinner size="extra-tiny" className={styles.icon} aria-hidden />
        ) : (
          <ShieldLockRegular className={styles.icon} aria-hidden />
        )}
        <span className={styles.text}>{message}</span>
        {canShow ? (
          <Button
            className={styles.toggle}
            size="small"
            appearance="subtle"
            aria-expanded={open}
            aria-controls={regionId}
            aria-label={open ? strings.redaction.hideLabel : strings.redaction.showLabel}
            onClick={() => setOpen(!open)}
          >
            {open ? strings.redaction.hide : strings.redaction.show}
          </Button>
        ) : null}
      </div>
      {canShow && open ? (
        // Focusable so that a keyboard user can scroll a long text.
        <div
          id={regionId}
          role="region"
          aria-label={strings.redaction.regionLabel}
          tabIndex={0}
          className={styles.region}
          data-testid="redaction-details"
        >
          {preview.parts.map((part, i) => (
            <div key={i}>
              {preview.parts.length > 1 && part.label ? <span className={styles.partLabel}>{part.label}</span> : null}
              {splitBySpans(part.text, part.spans).map((piece, j) =>
                piece.span ? (
                  <span key={j}>
                    <mark className={styles.mark} data-type={piece.span.type}>
                      {piece.text}
                    </mark>
                    <span className={styles.tag}>
                      <span className={shared.visuallyHidden}>(</span>
                      {typeLabel(strings, piece.span.type)}
                      <span className={shared.visuallyHidden}>)</span>
                    </span>
                  </span>
                ) : (
                  <span key={j}>{piece.text}</span>
                ),
              )}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

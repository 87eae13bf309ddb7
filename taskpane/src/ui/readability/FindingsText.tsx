/** The checked text with its findings marked: words outlined, hard sentences shaded, the chosen one underlined. */

import { mergeClasses } from '@fluentui/react-components';
import { Fragment, useEffect, useMemo, useRef } from 'react';
import { splitByFindings, type Finding } from '../../api/readability';
import { useStrings } from '../../i18n';
import { useSharedStyles } from '../styles';
import { useReadabilityStyles } from './styles';

export interface FindingsTextProps {
  id: string;
  /** The text as checked: the findings' offsets refer to it. */
  text: string;
  findings: Finding[];
  selectedId: number | undefined;
}

export function FindingsText({ id, text, findings, selectedId }: FindingsTextProps) {
  const strings = useStrings();
  const styles = useReadabilityStyles();
  const shared = useSharedStyles();
  const region = useRef<HTMLDivElement>(null);
  const pieces = useMemo(() => splitByFindings(text, findings, selectedId), [text, findings, selectedId]);

  // Bring the chosen finding into view inside the text, without scrolling the pane away from the list.
  useEffect(() => {
    const box = region.current;
    const target = box?.querySelector<HTMLElement>('[data-selected-start]');
    if (!box || !target) return;
    box.scrollTop = Math.max(0, target.offsetTop - box.clientHeight / 3);
  }, [selectedId]);

  return (
    // Focusable so that a keyboard user can scroll a long text.
    <div
      ref={region}
      id={id}
      role="region"
      aria-label={strings.readability.regionLabel}
      tabIndex={0}
      className={mergeClasses(shared.textRegion, styles.region)}
      data-testid="readability-text"
    >
      {pieces.map((piece, i) => {
        const selectedStart = piece.selectedStart ? { 'data-selected-start': '' } : {};
        // A chosen word is outlined; a chosen sentence is shaded, its marked words still marked.
        const word = piece.selected && piece.marks.some((f) => f.id === selectedId);
        const level = piece.level === 'very_hard_sentence' ? styles.veryHard : piece.level === 'hard_sentence' ? styles.hard : undefined;
        const levelData = piece.level ? { 'data-level': piece.level } : {};
        if (piece.marks.length > 0) {
          return (
            <mark
              key={i}
              className={mergeClasses(styles.mark, level, word && styles.selected)}
              data-kind={piece.marks[0]?.kind}
              {...levelData}
              {...selectedStart}
            >
              {piece.text}
            </mark>
          );
        }
        if (piece.selected) {
          return (
            <span key={i} className={styles.selectedSentence} data-kind="selected" {...levelData} {...selectedStart}>
              {piece.text}
            </span>
          );
        }
        if (level) {
          return (
            <span key={i} className={level} data-testid="sentence-level" {...levelData}>
              {piece.text}
            </span>
          );
        }
        return <Fragment key={i}>{piece.text}</Fragment>;
      })}
    </div>
  );
}

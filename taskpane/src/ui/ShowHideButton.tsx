/** A small "Visa"/"Dölj" button that opens and closes a region of the pane, telling screen readers which. */

import { Button } from '@fluentui/react-components';

export interface ShowHideButtonProps {
  open: boolean;
  /** The id of the region it opens. */
  controls: string;
  onToggle: () => void;
  /** What it says, and what it is called for a screen reader, open and closed. */
  words: { show: string; hide: string; showLabel: string; hideLabel: string };
  className?: string;
}

export function ShowHideButton({ open, controls, onToggle, words, className }: ShowHideButtonProps) {
  return (
    <Button
      className={className}
      size="small"
      appearance="subtle"
      aria-expanded={open}
      aria-controls={controls}
      aria-label={open ? words.hideLabel : words.showLabel}
      onClick={onToggle}
    >
      {open ? words.hide : words.show}
    </Button>
  );
}

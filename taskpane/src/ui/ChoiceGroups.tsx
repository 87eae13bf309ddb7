/**
 * Lists of choices under group headings (readability findings by kind, release suggestions by category):
 * one arrow-key group for all of them, so the keyboard moves through the lists as one.
 */

import { useArrowNavigationGroup } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useSharedStyles } from './styles';

export interface ChoiceGroup<T> {
  key: string;
  heading: string;
  items: readonly T[];
  /** data-* attributes of the group, for tests and styles. */
  data?: Record<`data-${string}`, string>;
}

export interface ChoiceGroupsProps<T> {
  label: string;
  groups: readonly ChoiceGroup<T>[];
  /** The headings' level within the card. */
  headingLevel: 'h3' | 'h4';
  itemKey: (item: T) => string | number;
  /** The choice itself: a button. */
  renderItem: (item: T) => ReactNode;
  className?: string;
  testId?: string;
  groupTestId?: string;
}

export function ChoiceGroups<T>({ label, groups, headingLevel: Heading, itemKey, renderItem, className, testId, groupTestId }: ChoiceGroupsProps<T>) {
  const shared = useSharedStyles();
  const arrows = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  return (
    <div className={className} {...arrows} role="group" aria-label={label} data-testid={testId}>
      {groups.map((group) => (
        <div key={group.key} data-testid={groupTestId} {...group.data}>
          <Heading className={shared.groupHeading}>{`${group.heading} (${group.items.length})`}</Heading>
          <ul className={shared.plainList}>
            {group.items.map((item) => (
              <li key={itemKey(item)}>{renderItem(item)}</li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

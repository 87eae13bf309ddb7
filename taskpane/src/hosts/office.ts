/** Chooses the adapter for the Office application and mode the pane was opened in. */

import type { HostAdapter } from './host';
import { OutlookComposeAdapter } from './outlook-compose';
import { OutlookReadAdapter } from './outlook-read';
import { WordAdapter } from './word';

export function createOfficeAdapter(office: typeof Office, host: Office.HostType | null): HostAdapter | undefined {
  if (host === office.HostType.Word) return new WordAdapter(office);
  if (host === office.HostType.Outlook) {
    const item = office.context.mailbox?.item;
    if (!item) return undefined;
    // Compose items have setAsync on their body; read items do not. itemType cannot tell them apart.
    const body = item.body as Partial<Office.Body>;
    return typeof body.setAsync === 'function' ? new OutlookComposeAdapter(office) : new OutlookReadAdapter(office);
  }
  return undefined;
}

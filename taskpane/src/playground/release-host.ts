/**
 * The release host in the playground: the simulated Word document (a textarea) or Outlook message, as
 * the Word and Outlook release hosts see the real ones. A new document appears beside the original.
 */

import { cleanText } from '../api/client';
import { ApiError } from '../api/errors';
import { anchorFor, nthOccurrence } from '../hosts/anchors';
import type { HostKind } from '../hosts/host';
import type { ReleaseHost } from '../release/host';
import type { SimulatedHost } from './adapter';

export class PlaygroundReleaseHost implements ReleaseHost {
  constructor(
    readonly kind: HostKind,
    private readonly sim: SimulatedHost,
    private readonly openDocument: (text: string) => void,
    /** `?wordapi=1.2` simulates a Word that cannot create documents (no WordApi 1.3). */
    private readonly wordApi13 = true,
  ) {}

  private area(): HTMLTextAreaElement {
    const area = this.sim.word.element();
    if (!area) throw new ApiError('host_error', 'The simulated document is not there.');
    return area;
  }

  async readDocument(): Promise<string> {
    return cleanText(this.kind === 'outlook-read' ? this.sim.message.body : this.area().value);
  }

  async readSelection(): Promise<string | undefined> {
    if (this.kind !== 'word') return undefined;
    const area = this.area();
    return cleanText(area.value.slice(area.selectionStart, area.selectionEnd));
  }

  /** As Word does it: search for the span's words and select the match, without moving focus. */
  async show(text: string, start: number, end: number): Promise<boolean> {
    if (this.kind !== 'word') return false;
    const area = this.area();
    const anchor = anchorFor(text, start, end);
    if (!anchor) return false;
    const value = cleanText(area.value);
    const head = nthOccurrence(value, anchor.head.text, anchor.head.occurrence);
    const tail = anchor.tail ? nthOccurrence(value, anchor.tail.text, anchor.tail.occurrence) : head;
    if (head === -1 || tail === -1) return false;
    area.setSelectionRange(head, tail + (anchor.tail ?? anchor.head).text.length);
    area.dispatchEvent(new Event('select'));
    return true;
  }

  canCreateDocument(): boolean {
    return this.kind === 'word' && this.wordApi13;
  }

  async createDocument(text: string): Promise<void> {
    if (!this.canCreateDocument()) throw new ApiError('host_error', 'New documents need WordApi 1.3.');
    this.openDocument(text);
  }
}

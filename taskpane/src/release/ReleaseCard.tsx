/**
 * "Förbered för utlämnande": review the whole document for what may need masking, step through the
 * suggestions in the document, decide each one (mask, release, change the reason), add what the review
 * missed, and produce the masked copy, the masking record and a draft decision. The original document
 * is never changed: the copy is a new document (Word) or a text to copy (Outlook).
 */

import {
  Button,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Select,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowNextRegular,
  ArrowPreviousRegular,
  CheckmarkRegular,
  CopyRegular,
  DismissRegular,
  DocumentAddRegular,
  EyeRegular,
  ShieldTaskRegular,
} from '@fluentui/react-icons';
import { useEffect, useId, useMemo, useState } from 'react';
import type { KollegaApi } from '../api/client';
import { ApiError } from '../api/errors';
import type { HostAdapter } from '../hosts/host';
import { useStrings } from '../i18n';
import { ChoiceGroups } from '../ui/ChoiceGroups';
import { ErrorBar } from '../ui/ErrorBar';
import { copyText } from '../ui/copy';
import { useSharedStyles } from '../ui/styles';
import { shortQuote } from '../api/readability';
import { decisionText, protocolText } from './documents';
import { releaseHostFor } from './host';
import {
  AREAS,
  CATEGORY_ORDER,
  groupByCategory,
  locate,
  maskCopy,
  placesOf,
  stepOrder,
  type Decision,
  type ReleaseArea,
  type ReviewFinding,
} from './model';
import { releaseStrings, type ReleaseStrings } from './strings';
import { useReleaseReview } from './use-release-review';

const useStyles = makeStyles({
  note: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  warning: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    borderLeft: `3px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  current: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  meta: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxHeight: '260px', overflowY: 'auto' },
  // On top of the shared choice style: quote and status side by side, in small text.
  item: { justifyContent: 'space-between', fontSize: tokens.fontSizeBase200 },
  itemQuote: { overflowWrap: 'anywhere' },
  itemStatus: { flexShrink: 0, color: tokens.colorNeutralForeground2 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  output: { fontFamily: tokens.fontFamilyBase },
  start: { alignSelf: 'flex-start' },
});

type Output = { kind: 'copy' | 'protocol' | 'decision'; text: string; message: string } | undefined;

function categoryName(s: ReleaseStrings, category: string): string {
  return s.categories[category] ?? s.otherCategory;
}

function mostCommonProvision(findings: readonly ReviewFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.provision, (counts.get(f.provision) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

function documentTitle(text: string): string {
  return (text.split('\n').find((line) => line.trim()) ?? '').trim().slice(0, 80);
}

export function ReleaseCard({ api, host }: { api: KollegaApi; host: HostAdapter }) {
  const strings = useStrings();
  const s = releaseStrings(strings);
  const styles = useStyles();
  const shared = useSharedStyles();
  const headingId = useId();
  const bodyId = useId();
  const release = useMemo(() => releaseHostFor(host), [host]);
  const { review, run, update, reset } = useReleaseReview(api, release);
  const [open, setOpen] = useState(false);
  const [area, setArea] = useState<ReleaseArea>('general');
  const [currentId, setCurrentId] = useState<string | undefined>(undefined);
  const [stale, setStale] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [output, setOutput] = useState<Output>(undefined);
  const [hostError, setHostError] = useState<ApiError | undefined>(undefined);
  const [missed, setMissed] = useState({ text: '', category: 'personal_data', reason: '', feedback: '' });

  const order = useMemo(() => stepOrder(review.findings), [review.findings]);
  const groups = useMemo(() => groupByCategory(review.findings), [review.findings]);
  const current = order.find((f) => f.id === currentId) ?? order[0];
  const index = current ? order.indexOf(current) : -1;
  const counts = useMemo(() => {
    const c = { accepted: 0, rejected: 0, pending: 0 };
    for (const f of review.findings) c[f.decision] += 1;
    return c;
  }, [review.findings]);

  // A new review: new suggestions, nothing stale, no old outputs.
  useEffect(() => {
    setCurrentId(undefined);
    setStale(new Set());
    setOutput(undefined);
    if (review.status === 'ready') setMessage(s.announceReady(review.findings.length));
    // Only when a review finishes, not on every decision.
  }, [review.status, review.text]);

  if (!release) return null;
  const readOnly = release.kind === 'outlook-read';

  const toggle = (): void => {
    if (open) reset();
    setOpen(!open);
  };

  /** Selects the finding in the document, after checking that the document still has its text there. */
  const show = async (finding: ReviewFinding): Promise<void> => {
    setCurrentId(finding.id);
    setNotFound(false);
    if (readOnly) return;
    try {
      const now = await release.readDocument();
      const { located, stale: changed } = locate(review.text, now, [finding]);
      if (changed.length) {
        setStale((set) => new Set([...set, finding.id]));
        setNotFound(true);
        return;
      }
      const place = located[0];
      const found = place ? await release.show(now, place.start, place.end) : false;
      setNotFound(!found);
    } catch (error) {
      setHostError(error instanceof ApiError ? error : new ApiError('host_error', String(error)));
    }
  };

  const step = (delta: number): void => {
    const next = order[index + delta];
    if (next) void show(next);
  };

  const decide = (finding: ReviewFinding, decision: Decision): void => {
    update((list) => list.map((f) => (f.id === finding.id ? { ...f, decision } : f)));
    setOutput(undefined);
    setMessage(s.announceDecision(s.status[decision] ?? '', shortQuote(finding.quote)));
  };

  const changeReason = (finding: ReviewFinding, reason: string): void => {
    update((list) => list.map((f) => (f.id === finding.id ? { ...f, reason } : f)));
    setOutput(undefined);
  };

  const acceptAll = (): void => {
    update((list) => list.map((f) => (f.decision === 'pending' ? { ...f, decision: 'accepted' } : f)));
    setOutput(undefined);
    setMessage(s.decided(counts.accepted + counts.pending, counts.rejected, 0));
  };

  const takeSelection = async (): Promise<void> => {
    try {
      const selected = await release.readSelection();
      if (selected !== undefined) setMissed((m) => ({ ...m, text: selected.trim(), feedback: '' }));
    } catch (error) {
      setHostError(error instanceof ApiError ? error : new ApiError('host_error', String(error)));
    }
  };

  const addMissed = (): void => {
    const places = placesOf(review.text, missed.text);
    if (places.length === 0) {
      setMissed((m) => ({ ...m, feedback: s.addMissedNotFound }));
      return;
    }
    const quote = missed.text.trim();
    const category = missed.category;
    // The provision the server gave this category here, else the one it gave most often in this document.
    const provision = review.findings.find((f) => f.category === category)?.provision ?? mostCommonProvision(review.findings);
    const stamp = Date.now().toString(36);
    const added: ReviewFinding[] = places.map((start, i) => ({
      id: `m${stamp}-${i}`,
      start,
      end: start + quote.length,
      type: category.toUpperCase(),
      category,
      reason: missed.reason.trim() || s.addMissedDefaultReason,
      provision,
      quote,
      decision: 'accepted',
      manual: true,
    }));
    update((list) => [...list, ...added]);
    setOutput(undefined);
    setMissed({ text: '', category, reason: '', feedback: s.addMissedAdded(places.length) });
    setMessage(s.addMissedAdded(places.length));
  };

  /** The copy, record and decision all start here: the document as it is now, checked against the review. */
  const produce = async (kind: 'copy' | 'protocol' | 'decision'): Promise<void> => {
    setHostError(undefined);
    const accepted = review.findings.filter((f) => f.decision === 'accepted');
    if (accepted.length === 0) {
      setOutput({ kind, text: '', message: s.nothingAccepted });
      return;
    }
    try {
      const now = await release.readDocument();
      const { located, stale: changed } = locate(review.text, now, accepted);
      if (changed.length) {
        // Never mask at the wrong place: nothing is produced until the officer reviews again.
        setStale(new Set(changed.map((f) => f.id)));
        setOutput({ kind, text: '', message: s.staleNote(changed.length) });
        setMessage(s.staleNote(changed.length));
        return;
      }
      const copy = maskCopy(now, located);
      const details = { title: documentTitle(now), date: new Date() };
      if (kind === 'copy') {
        if (release.canCreateDocument()) {
          await release.createDocument(copy.text);
          setOutput({ kind, text: copy.text, message: s.copyCreatedDocument(copy.protocol.length) });
        } else {
          const note = release.kind === 'word' ? s.copyNoDocument : s.copyShown(copy.protocol.length);
          setOutput({ kind, text: copy.text, message: note });
        }
      } else if (kind === 'protocol') {
        setOutput({ kind, text: protocolText(copy.protocol, details), message: '' });
      } else {
        setOutput({ kind, text: decisionText(copy.protocol, details), message: '' });
      }
    } catch (error) {
      setHostError(error instanceof ApiError ? error : new ApiError('host_error', String(error)));
    }
  };

  const categoriesForMissed = CATEGORY_ORDER.filter((c) => c in s.categories);

  return (
    <section className={shared.card} aria-labelledby={headingId} data-testid="release-card">
      <div className={shared.cardHeader}>
        <h2 id={headingId} className={shared.cardHeading}>
          <ShieldTaskRegular className={shared.headingIcon} aria-hidden />
          {s.heading}
        </h2>
        <Button
          size="small"
          appearance={open ? 'subtle' : 'secondary'}
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={open ? s.closeLabel : s.openLabel}
          onClick={toggle}
          data-testid="release-toggle"
        >
          {open ? s.close : s.open}
        </Button>
      </div>

      {!open ? <p className={shared.smallMuted}>{s.intro}</p> : null}

      {open ? (
        <div id={bodyId} className={shared.cardBody} data-testid="release-body" data-status={review.status}>
          <div className={styles.row}>
            <Field label={s.areaLabel}>
              <Select value={area} onChange={(_, data) => setArea(data.value as ReleaseArea)} data-testid="release-area">
                {AREAS.map((a) => (
                  <option key={a} value={a}>
                    {s.areas[a]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Button
            appearance="primary"
            icon={review.status === 'reviewing' ? <Spinner size="extra-tiny" /> : <ShieldTaskRegular />}
            onClick={() => void run(area)}
            disabledFocusable={review.status === 'reviewing'}
            data-testid="release-run"
          >
            {review.status === 'reviewing'
              ? review.progress && review.progress.parts > 1
                ? s.reviewingParts(review.progress.part, review.progress.parts)
                : s.reviewing
              : readOnly
                ? s.reviewMessage
                : s.review}
          </Button>

          {review.status === 'error' && review.error ? (
            <ErrorBar error={review.error} onRetry={() => void run(area)} onSignIn={() => void run(area)} onDismiss={reset} />
          ) : null}
          {hostError ? <ErrorBar error={hostError} onDismiss={() => setHostError(undefined)} /> : null}
          {review.status === 'empty' ? <p className={shared.small}>{strings.source.empty}</p> : null}

          {review.status === 'ready' ? (
            <>
              <p className={styles.note} data-testid="release-suggestions-note">{s.suggestionsNote}</p>
              {review.findings.length === 0 ? <p className={shared.small}>{s.none}</p> : null}
              {review.findings.length > 0 ? (
                <p className={shared.small} data-testid="release-summary">
                  {`${s.summary(review.findings.length, groups.length)} ${s.decided(counts.accepted, counts.rejected, counts.pending)}`}
                </p>
              ) : null}
              {stale.size > 0 ? (
                <p className={styles.warning} role="alert" data-testid="release-stale">
                  {s.staleNote(stale.size)}
                </p>
              ) : null}

              {current ? (
                <div className={styles.current} role="region" aria-label={s.position(index + 1, order.length)} data-testid="release-current" data-id={current.id}>
                  <p className={styles.meta}>
                    {`${s.position(index + 1, order.length)} · ${categoryName(s, current.category)}`}
                    {stale.has(current.id) ? ` · ${s.stale}` : ''}
                  </p>
                  <blockquote className={shared.quoteBlock} data-testid="release-quote">
                    {current.quote}
                  </blockquote>
                  {notFound && !stale.has(current.id) ? <p className={shared.smallMuted}>{s.notFoundInDocument}</p> : null}
                  <Field label={s.reasonLabel}>
                    <Input
                      value={current.reason}
                      onChange={(_, data) => changeReason(current, data.value)}
                      data-testid="release-reason"
                    />
                  </Field>
                  <p className={styles.meta} data-testid="release-provision">{`${s.provisionLabel}: ${current.provision}`}</p>
                  <div className={styles.row}>
                    <Button
                      icon={<CheckmarkRegular />}
                      appearance={current.decision === 'accepted' ? 'primary' : 'secondary'}
                      aria-pressed={current.decision === 'accepted'}
                      aria-label={s.acceptLabel(shortQuote(current.quote))}
                      onClick={() => decide(current, 'accepted')}
                      data-testid="release-accept"
                    >
                      {s.accept}
                    </Button>
                    <Button
                      icon={<DismissRegular />}
                      appearance={current.decision === 'rejected' ? 'primary' : 'secondary'}
                      aria-pressed={current.decision === 'rejected'}
                      aria-label={s.rejectLabel(shortQuote(current.quote))}
                      onClick={() => decide(current, 'rejected')}
                      data-testid="release-reject"
                    >
                      {s.reject}
                    </Button>
                  </div>
                  <div className={styles.row}>
                    <Button size="small" icon={<ArrowPreviousRegular />} onClick={() => step(-1)} disabledFocusable={index <= 0} data-testid="release-previous">
                      {s.previous}
                    </Button>
                    <Button size="small" icon={<ArrowNextRegular />} onClick={() => step(1)} disabledFocusable={index >= order.length - 1} data-testid="release-next">
                      {s.next}
                    </Button>
                    {!readOnly ? (
                      <Button size="small" appearance="subtle" icon={<EyeRegular />} onClick={() => void show(current)} data-testid="release-show">
                        {s.showInDocument}
                      </Button>
                    ) : null}
                  </div>
                </div>
              ) : null}

              {groups.length > 0 ? (
                <ChoiceGroups
                  className={styles.groups}
                  label={s.listLabel}
                  testId="release-groups"
                  groupTestId="release-group"
                  headingLevel="h3"
                  groups={groups.map((group) => ({
                    key: group.category,
                    heading: categoryName(s, group.category),
                    items: group.findings,
                    data: { 'data-category': group.category },
                  }))}
                  itemKey={(f) => f.id}
                  renderItem={(f) => (
                    <button
                      type="button"
                      className={mergeClasses(shared.choice, styles.item, f.id === current?.id && shared.choiceSelected)}
                      aria-current={f.id === current?.id ? 'true' : undefined}
                      onClick={() => void show(f)}
                      data-testid="release-finding"
                      data-id={f.id}
                      data-decision={f.decision}
                      data-stale={stale.has(f.id) ? 'true' : undefined}
                    >
                      <span className={styles.itemQuote}>{shortQuote(f.quote)}</span>
                      <span className={styles.itemStatus}>{stale.has(f.id) ? s.stale : s.status[f.decision]}</span>
                    </button>
                  )}
                />
              ) : null}

              {counts.pending > 0 ? (
                <Button className={styles.start} onClick={acceptAll} data-testid="release-accept-all">
                  {s.acceptAll}
                </Button>
              ) : null}

              <div className={styles.section} role="group" aria-labelledby={`${bodyId}-missed`}>
                <h3 id={`${bodyId}-missed`} className={styles.subheading}>{s.addMissedHeading}</h3>
                <p className={shared.smallMuted}>{s.addMissedHint}</p>
                <Field label={s.addMissedText} validationMessage={missed.feedback || undefined} validationState="none">
                  <Input
                    value={missed.text}
                    onChange={(_, data) => setMissed((m) => ({ ...m, text: data.value, feedback: '' }))}
                    data-testid="release-missed-text"
                  />
                </Field>
                {release.kind === 'word' ? (
                  <Button className={styles.start} size="small" onClick={() => void takeSelection()} data-testid="release-use-selection">
                    {s.useSelection}
                  </Button>
                ) : null}
                <Field label={s.addMissedCategory}>
                  <Select value={missed.category} onChange={(_, data) => setMissed((m) => ({ ...m, category: data.value }))} data-testid="release-missed-category">
                    {categoriesForMissed.map((c) => (
                      <option key={c} value={c}>
                        {categoryName(s, c)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={s.addMissedReason}>
                  <Input value={missed.reason} onChange={(_, data) => setMissed((m) => ({ ...m, reason: data.value }))} />
                </Field>
                <Button className={styles.start} size="small" onClick={addMissed} disabledFocusable={!missed.text.trim()} data-testid="release-missed-add">
                  {s.addMissed}
                </Button>
              </div>

              <div className={styles.section} role="group" aria-labelledby={`${bodyId}-outputs`}>
                <h3 id={`${bodyId}-outputs`} className={styles.subheading}>{s.outputsHeading}</h3>
                <p className={shared.smallMuted}>{s.mask}</p>
                <div className={styles.row}>
                  <Button appearance="primary" icon={<DocumentAddRegular />} onClick={() => void produce('copy')} data-testid="release-create-copy">
                    {s.createCopy}
                  </Button>
                  <Button onClick={() => void produce('protocol')} data-testid="release-protocol">
                    {s.protocol}
                  </Button>
                  <Button onClick={() => void produce('decision')} data-testid="release-decision">
                    {s.decision}
                  </Button>
                </div>
                {output?.message ? (
                  <p className={shared.small} role="status" data-testid="release-output-message">
                    {output.message}
                  </p>
                ) : null}
                {output?.text ? (
                  <>
                    <Field label={output.kind === 'copy' ? s.copyLabel : output.kind === 'protocol' ? s.protocolLabel : s.decisionLabel}>
                      <Textarea
                        className={styles.output}
                        value={output.text}
                        readOnly
                        resize="vertical"
                        rows={8}
                        data-testid="release-output"
                        data-kind={output.kind}
                      />
                    </Field>
                    <div className={styles.row}>
                      <Button
                        size="small"
                        icon={<CopyRegular />}
                        onClick={() => void copyText(output.text).then((ok) => ok && setMessage(s.copied))}
                        data-testid="release-copy-text"
                      >
                        {s.copyText}
                      </Button>
                      {output.kind !== 'copy' && release.canCreateDocument() ? (
                        <Button size="small" icon={<DocumentAddRegular />} onClick={() => void release.createDocument(output.text)}>
                          {s.openAsDocument}
                        </Button>
                      ) : null}
                    </div>
                  </>
                ) : null}
              </div>
            </>
          ) : null}
        </div>
      ) : null}

      <div className={shared.visuallyHidden} aria-live="polite" aria-atomic="true" data-testid="release-announcer">
        {open ? message : ''}
      </div>
    </section>
  );
}

/** The templates the pane offers, the one chosen on each tab, and the values typed into its fields. */

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { KollegaApi } from '../../api/client';
import { ApiError } from '../../api/errors';
import { TemplatesApi, templatesFor, type Template, type TemplateLimits } from '../../api/templates';

export type TemplateTab = 'draft' | 'rewrite';

export interface TemplatesState {
  api: TemplatesApi;
  templates: Template[];
  canManage: boolean;
  limits: TemplateLimits | undefined;
  error: ApiError | undefined;
  reload: () => void;
  chosen: (tab: TemplateTab) => Template | undefined;
  choose: (tab: TemplateTab, id: string | undefined) => void;
  values: Record<string, string>;
  setValue: (name: string, value: string) => void;
  /** Field names left empty after the user tried to run the template. */
  missing: string[];
  /** Marks the empty fields; returns the first, or undefined when all are filled. */
  check: (tab: TemplateTab) => string | undefined;
  /** The request's template part, or nothing when no template is chosen. */
  request: (tab: TemplateTab) => { template_id: string; fields: Record<string, string> } | undefined;
}

export function useTemplates(api: KollegaApi): TemplatesState {
  const client = useMemo(() => new TemplatesApi(api), [api]);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [canManage, setCanManage] = useState(false);
  const [limits, setLimits] = useState<TemplateLimits | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const [chosenIds, setChosenIds] = useState<Partial<Record<TemplateTab, string>>>({});
  const [values, setValues] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState<string[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    client
      .list(abort.signal)
      .then((list) => {
        setTemplates(list.templates);
        setCanManage(list.can_manage_organisation);
        setLimits(list.limits);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(e instanceof ApiError ? e : new ApiError('network', String(e)));
      });
    return () => abort.abort();
  }, [client, version]);

  const chosen = useCallback(
    (tab: TemplateTab) => templatesFor(tab, templates).find((t) => t.id === chosenIds[tab]),
    [templates, chosenIds],
  );

  const check = (tab: TemplateTab): string | undefined => {
    const template = chosen(tab);
    const empty = template ? template.fields.filter((name) => !(values[name] ?? '').trim()) : [];
    setMissing(empty);
    return empty[0];
  };

  return {
    api: client,
    templates,
    canManage,
    limits,
    error,
    reload: () => setVersion((v) => v + 1),
    chosen,
    choose: (tab, id) => {
      setChosenIds((current) => ({ ...current, [tab]: id }));
      setMissing([]);
    },
    values,
    setValue: (name, value) => {
      setValues((current) => ({ ...current, [name]: value }));
      if (value.trim()) setMissing((current) => current.filter((n) => n !== name));
    },
    missing,
    check,
    request: (tab) => {
      const template = chosen(tab);
      if (!template) return undefined;
      return { template_id: template.id, fields: Object.fromEntries(template.fields.map((n) => [n, values[n] ?? ''])) };
    },
  };
}

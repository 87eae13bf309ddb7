/** /api/v1/templates: the organisation's templates and the user's own (backend/usertemplates). */

import type { KollegaApi } from './client';
import type { Language, Length, Tone } from './types';

export type TemplateTask = 'draft' | 'rewrite' | 'summarize' | 'ask';
export type TemplateScope = 'personal' | 'organisation';

export interface TemplateInput {
  name: string;
  description: string;
  task: TemplateTask;
  /** With named fields such as {ärende}; {{ and }} are literal braces. */
  instruction: string;
  tone: Tone;
  length: Length;
  language: Language;
  scope?: TemplateScope;
}

export interface Template extends TemplateInput {
  id: string;
  scope: TemplateScope;
  /** The instruction's field names, in order. */
  fields: string[];
  /** Whether this user may change or delete it. */
  editable: boolean;
}

export interface TemplateLimits {
  per_user: number;
  per_tenant: number;
  instruction_chars: number;
  field_chars: number;
  fields: number;
  import_bytes: number;
}

export interface TemplateList {
  templates: Template[];
  can_manage_organisation: boolean;
  limits: TemplateLimits;
}

export interface ImportResult {
  created: number;
  replaced: number;
  scope: TemplateScope;
}

export class TemplatesApi {
  constructor(private readonly api: KollegaApi) {}

  async list(signal?: AbortSignal): Promise<TemplateList> {
    return (await (await this.api.request('GET', '/templates', undefined, signal)).json()) as TemplateList;
  }

  async create(template: TemplateInput): Promise<Template> {
    return (await (await this.api.request('POST', '/templates', template)).json()) as Template;
  }

  async update(id: string, template: TemplateInput): Promise<Template> {
    return (await (await this.api.request('PUT', `/templates/${encodeURIComponent(id)}`, template)).json()) as Template;
  }

  async remove(id: string): Promise<void> {
    await this.api.request('DELETE', `/templates/${encodeURIComponent(id)}`);
  }

  /** A file as exported here or elsewhere; the server checks it and imports all of it or nothing. */
  async importFile(file: object, scope: TemplateScope = 'organisation'): Promise<ImportResult> {
    return (await (await this.api.request('POST', `/templates/import?scope=${scope}`, file)).json()) as ImportResult;
  }

  async exportFile(scope: TemplateScope = 'organisation'): Promise<string> {
    return (await this.api.request('GET', `/templates/export?scope=${scope}`)).text();
  }
}

/** Which templates each tab offers. */
export function templatesFor(task: 'draft' | 'rewrite', templates: Template[]): Template[] {
  const tasks: TemplateTask[] = task === 'draft' ? ['draft', 'ask'] : ['rewrite'];
  return templates.filter((t) => tasks.includes(t.task));
}

/** "sista_dag_förhinder" → "Sista dag förhinder": a field name as a label. */
export function fieldLabel(name: string): string {
  const words = name.replace(/_/g, ' ');
  return words.charAt(0).toLocaleUpperCase('sv-SE') + words.slice(1);
}

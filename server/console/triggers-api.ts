// The trigger editor's calls to the server (server/http/console-triggers.ts), with the FAQ
// API's error handling (a result, never a throw; a 401 ends the session).
import type { ConsoleTrigger, ConsoleTriggers } from '../http/console-triggers.js';
import type { TriggerRule } from '../protocol.js';
import { FaqApi, type ApiResult } from './faq-api.js';

export type { ConsoleTrigger, ConsoleTriggers };
/** What the form sends: a rule, the id left out for a new one (made from the name). */
export type TriggerFields = Omit<TriggerRule, 'id'> & { id?: string };

const base = (site: string): string => `/api/sites/${encodeURIComponent(site)}`;

export class TriggerApi extends FaqApi {
  list(site: string): Promise<ApiResult<ConsoleTriggers>> {
    return this.call('GET', `${base(site)}/triggers`);
  }
  create(site: string, rule: TriggerFields): Promise<ApiResult<{ trigger: ConsoleTrigger }>> {
    return this.call('POST', `${base(site)}/triggers`, { json: rule });
  }
  save(site: string, id: string, rule: TriggerFields): Promise<ApiResult<{ trigger: ConsoleTrigger }>> {
    return this.call('PUT', `${base(site)}/triggers/${encodeURIComponent(id)}`, { json: rule });
  }
  enable(site: string, id: string, enabled: boolean): Promise<ApiResult<{ trigger: ConsoleTrigger }>> {
    return this.call('PATCH', `${base(site)}/triggers/${encodeURIComponent(id)}`, { json: { enabled } });
  }
  delete(site: string, id: string): Promise<ApiResult<{ ok: true }>> {
    return this.call('DELETE', `${base(site)}/triggers/${encodeURIComponent(id)}`);
  }
  reorder(site: string, ids: string[]): Promise<ApiResult<ConsoleTriggers>> {
    return this.call('PUT', `${base(site)}/triggers-order`, { json: { ids } });
  }
  triggersExportUrl(site: string): string {
    return `${base(site)}/triggers/export`;
  }
}

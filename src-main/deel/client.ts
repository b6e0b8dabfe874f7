import { z } from 'zod';
import { DeelApiError, errorFromResponse } from './errors';

/**
 * A minimal Deel REST client for the calls the console makes. The token lives in this object
 * only, is sent only in the Authorization header, and appears in no message or log.
 */

const organizationsSchema = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string() })),
});

const peoplePageSchema = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  page: z.object({
    offset: z.number().optional(),
    total_rows: z.number(),
    items_per_page: z.number().optional(),
  }),
});

export interface DeelClientOptions {
  /** Base URL including the version path, e.g. https://api.letsdeel.com/rest/v2 */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
}

export class DeelClient {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: DeelClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  async getOrganization(): Promise<{ id: string; name: string }> {
    const body = organizationsSchema.parse(await this.#get('/organizations'));
    const organization = body.data[0];
    if (!organization)
      throw new DeelApiError('not-found', 'Deel returned no organization for this token.');
    return organization;
  }

  async countPeople(): Promise<number> {
    const body = peoplePageSchema.parse(await this.#get('/people?offset=0&limit=1'));
    return body.page.total_rows;
  }

  async #get(path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.#baseUrl}${path}`, {
        headers: { Authorization: `Bearer ${this.#token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch {
      throw new DeelApiError('network', 'Deel could not be reached (network error or timeout).');
    }
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(response.status, text);
    return JSON.parse(text) as unknown;
  }
}

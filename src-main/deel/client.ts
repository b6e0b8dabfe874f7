import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ClockSkew } from './clock-skew';
import { normalizeBaseUrl } from './environments';
import { DeelApiError } from './errors';
import {
  DEFAULT_RETRY,
  DeelHttp,
  type HttpRequest,
  type HttpResponse,
  type Query,
  type RetryNotice,
  type RetryPolicy,
} from './http';
import { DEFAULT_REQUESTS_PER_SECOND, sharedLimiter, type RequestLimiter } from './limiter';
import {
  contractSchema,
  contractsPageSchema,
  meSchema,
  organizationsSchema,
  peoplePageSchema,
  personSchema,
  toContract,
  toMe,
  toPerson,
  workerSessionSchema,
  type Contract,
  type Me,
  type Person,
} from './schemas';

export type { Contract, Me, Person } from './schemas';

/** Deel documents no maximum page size; older docs say 99, clients use 100. */
export const PEOPLE_PAGE_SIZE = 100;
/** Deel documents worker tokens as lasting 24 hours; used if an answer omits `expires_at`. */
export const WORKER_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** See `DeelClientOptions.maxPages`. */
export const DEFAULT_MAX_PAGES = 2_000;

function endlessList(maxPages: number): DeelApiError {
  return new DeelApiError(
    'server',
    `The list was stopped after ${maxPages.toLocaleString('en-US')} pages: the host kept sending more than any Deel organization holds (a proxy or a wrong base URL?).`,
  );
}

export interface DeelClientOptions {
  /** Base URL including the version path, e.g. https://api.letsdeel.com/rest/v2 */
  baseUrl: string;
  token: string;
  /** Per attempt. Default 15 s. */
  timeoutMs?: number;
  /**
   * Most pages one list may take (default 2,000: 200,000 rows, twice the largest organization
   * the console is built for). A host that never ends a list (full pages forever, a fresh
   * cursor each time) is stopped there with an error, not followed for ever.
   */
  maxPages?: number;
  /** Default 4/s, shared by every client of the same Deel host (see `sharedLimiter`). */
  requestsPerSecond?: number;
  /** Overrides the shared limiter (tests, or a limiter keyed differently). */
  limiter?: RequestLimiter;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Told before each automatic retry (a GET or DELETE, or a mint that nothing was minted by). */
  onRetry?: (notice: RetryNotice) => void;
  /** This machine's clock (tests with a manual clock pass theirs). Default Date.now. */
  now?: () => number;
}

export interface PeopleFilters {
  search?: string;
  hiringTypes?: readonly string[];
  hiringStatuses?: readonly string[];
  sortBy?: string;
  sortOrder?: 'asc' | 'desc';
}

export interface PeoplePage {
  people: Person[];
  offset: number;
  /** Matching people in total, when Deel says. */
  total: number | null;
  /** Rows that could not be read (no id, wrong types) and were left out. */
  skipped: number;
}

export interface ContractFilters {
  types?: readonly string[];
  statuses?: readonly string[];
  search?: string;
}

export interface ContractsPage {
  contracts: Contract[];
  /** Pass as `afterCursor` for the next page; null on the last page. */
  cursor: string | null;
  /** Deel's `total_rows`: known to be wrong when filters are passed, so only a hint. */
  totalHint: number | null;
  skipped: number;
}

export interface WorkerSession {
  token: string;
  expiresAt: string;
  /** Deel's answer had no usable `expires_at`; the documented 24 h lifetime was assumed. */
  expiryAssumed: boolean;
  /** Deel's `x-request-id` for the mint. */
  requestId?: string;
  /**
   * Deel's `x-original-request-id`: the answer is a replay of an earlier mint with the same
   * `Idempotency-Key` (this token is the one that mint created), whose request id this is.
   */
  originalRequestId?: string;
  /** The key every attempt of this mint carried. */
  idempotencyKey: string;
  /** The body field Deel accepted for the profile. */
  profileIdField: ProfileIdField;
}

/** Deel's OpenAPI spells the mint's field `profile_id`; one of its guides `hris_profile_id`. */
export type ProfileIdField = 'profile_id' | 'hris_profile_id';

/** What Deel said to a DELETE that succeeded. */
export interface Revoked {
  requestId?: string;
}

/**
 * The Deel REST client. The org token lives in this object only and is sent only in the
 * Authorization header; it appears in no message, error or log. All calls go through one
 * limiter shared per Deel host, with retries for GET/DELETE only (see DeelHttp).
 */
export class DeelClient {
  readonly baseUrl: string;
  readonly #token: string;
  readonly #http: DeelHttp;
  readonly #clock = new ClockSkew();
  readonly #now: () => number;
  readonly #maxPages: number;
  readonly #retry: RetryPolicy;
  readonly #onRetry: ((notice: RetryNotice) => void) | undefined;
  /** The spelling the organization accepted last (per client: one client per connection). */
  #profileIdField: ProfileIdField = 'profile_id';

  constructor(options: DeelClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.#token = options.token;
    this.#now = options.now ?? Date.now;
    this.#maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#onRetry = options.onRetry;
    const limiter =
      options.limiter ??
      sharedLimiter(
        new URL(this.baseUrl).origin,
        options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND,
      );
    this.#http = new DeelHttp({
      baseUrl: this.baseUrl,
      timeoutMs: options.timeoutMs ?? 15_000,
      limiter,
      retry: this.#retry,
      onServerDate: (header) => this.#clock.observe(header, this.#now()),
      ...(options.fetch && { fetch: options.fetch }),
      ...(options.onRetry && { onRetry: options.onRetry }),
    });
  }

  /** Deel's clock minus this machine's, in ms, from the `Date` of its answers (0 before any). */
  clockSkewMs(): number {
    return this.#clock.ms();
  }

  /** `GET /organizations`: the identity probe, and the organization the token belongs to. */
  async getOrganization(): Promise<{ id: string; name: string }> {
    const body = await this.#get('organizations', organizationsSchema);
    const organization = body.data[0];
    if (!organization) throw unexpected(200);
    return { id: organization.id, name: organization.name };
  }

  async countPeople(): Promise<number> {
    const page = await this.listPeople({ offset: 0, limit: 1 });
    return page.total ?? page.people.length;
  }

  async listPeople(
    request: PeopleFilters & { offset?: number; limit?: number } = {},
  ): Promise<PeoplePage> {
    const offset = Math.max(0, Math.trunc(request.offset ?? 0));
    const limit = Math.min(
      PEOPLE_PAGE_SIZE,
      Math.max(1, Math.trunc(request.limit ?? PEOPLE_PAGE_SIZE)),
    );
    const body = await this.#get('people', peoplePageSchema, {
      offset,
      limit,
      search: request.search?.trim() || undefined,
      sort_by: request.sortBy,
      sort_order: request.sortOrder,
      hiring_types: nonEmpty(request.hiringTypes),
      hiring_statuses: nonEmpty(request.hiringStatuses),
    });
    const { rows, skipped } = readRows(body.data, personSchema);
    return {
      people: rows.map(toPerson),
      offset: body.page?.offset ?? offset,
      total: body.page?.total_rows ?? null,
      skipped,
    };
  }

  /**
   * `GET /people/{id}`: one person by HRIS profile id; null when Deel itself says there is no
   * such person (its own 404). A 404 from something that is not Deel's API is an error.
   */
  async getPerson(profileId: string): Promise<Person | null> {
    try {
      const body = await this.#get(
        `people/${encodeURIComponent(profileId)}`,
        z.object({ data: personSchema }),
      );
      return toPerson(body.data);
    } catch (error) {
      if (error instanceof DeelApiError && error.kind === 'not-found' && error.fromDeelApi)
        return null;
      throw error;
    }
  }

  /** Every matching person, a page of 100 at a time, so the first rows can be shown at once. */
  async *streamPeople(filters: PeopleFilters = {}): AsyncGenerator<PeoplePage, void, undefined> {
    let offset = 0;
    for (let pages = 0; ; pages++) {
      if (pages >= this.#maxPages) throw endlessList(this.#maxPages);
      const page = await this.listPeople({ ...filters, offset, limit: PEOPLE_PAGE_SIZE });
      yield page;
      const received = page.people.length + page.skipped;
      offset += received;
      if (received < PEOPLE_PAGE_SIZE || (page.total !== null && offset >= page.total)) return;
    }
  }

  async listContracts(
    request: ContractFilters & { afterCursor?: string; limit?: number } = {},
  ): Promise<ContractsPage> {
    const limit = Math.min(100, Math.max(1, Math.trunc(request.limit ?? 100)));
    const body = await this.#get('contracts', contractsPageSchema, {
      after_cursor: request.afterCursor || undefined,
      limit,
      search: request.search?.trim() || undefined,
      types: nonEmpty(request.types),
      statuses: nonEmpty(request.statuses),
    });
    const { rows, skipped } = readRows(body.data, contractSchema);
    return {
      contracts: rows.map(toContract),
      cursor: body.page?.cursor || null,
      totalHint: body.page?.total_rows ?? null,
      skipped,
    };
  }

  /** Every matching contract, following the cursor until Deel gives none. */
  async *streamContracts(
    filters: ContractFilters = {},
  ): AsyncGenerator<ContractsPage, void, undefined> {
    const seen = new Set<string>();
    let afterCursor: string | undefined;
    for (let pages = 0; ; pages++) {
      if (pages >= this.#maxPages) throw endlessList(this.#maxPages);
      const page = await this.listContracts({
        ...filters,
        limit: 100,
        ...(afterCursor && { afterCursor }),
      });
      yield page;
      // A repeated cursor would loop forever; treat it as the end.
      if (!page.cursor || seen.has(page.cursor) || page.contracts.length + page.skipped === 0)
        return;
      seen.add(page.cursor);
      afterCursor = page.cursor;
    }
  }

  /**
   * `POST /workers/session`: mints a worker token (superseding any earlier one). Every attempt
   * carries the same `Idempotency-Key` (`options.idempotencyKey`, or a new UUID). It is retried
   * only when the answer proves nothing was minted: a 429 (the rate limit, or Deel still
   * processing a request with the same key), waiting for Retry-After (or the rate-limit pause),
   * or a connection refused before the request left; at most `retry.limit` times. Any other
   * ambiguous failure is a DeelApiError of kind `outcome-unknown`, never retried here.
   *
   * Field-name drift: Deel's OpenAPI names the profile `profile_id`, one guide
   * `hris_profile_id`. A 400 naming the spelling sent as unknown or required (nothing minted)
   * is retried once with the other one, same key; the spelling that worked is used first by
   * this client's later mints.
   */
  async createWorkerSession(
    profileId: string,
    options: { idempotencyKey?: string } = {},
  ): Promise<WorkerSession> {
    const idempotencyKey = options.idempotencyKey ?? randomUUID();
    let field = this.#profileIdField;
    let switchedField = false;
    let retries = 0;
    let response: HttpResponse;
    for (;;) {
      try {
        response = await this.#send({
          method: 'POST',
          path: 'workers/session',
          token: this.#token,
          body: { data: { [field]: profileId } },
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        break;
      } catch (error) {
        if (!(error instanceof DeelApiError)) throw error;
        if (!switchedField && refusesProfileField(error, field)) {
          switchedField = true;
          field = otherProfileField(field);
          continue;
        }
        // For a POST, `network` is only "not sent" (see DeelHttp): a 429 or that never minted.
        if (
          (error.kind === 'rate-limit' || error.kind === 'network') &&
          retries < this.#retry.limit
        ) {
          retries++;
          this.#onRetry?.({ method: 'POST', status: error.status ?? null, attempt: retries });
          await sleep(this.#mintRetryDelayMs(error, retries));
          continue;
        }
        throw error;
      }
    }
    this.#profileIdField = field;
    const parsed = workerSessionSchema.safeParse(response.body);
    if (!parsed.success) {
      // Deel said yes (2xx) and so probably minted, superseding the previous token, but the
      // new token cannot be read: the operator must know the state is unclear.
      throw new DeelApiError(
        'outcome-unknown',
        `Deel answered ${response.status} to the mint but its answer held no readable token: a token may have been minted. Mint again to get a usable one.`,
        response.status,
        response.requestId,
      );
    }
    const expires = parsed.data.expires_at ? Date.parse(parsed.data.expires_at) : Number.NaN;
    const expiryAssumed = Number.isNaN(expires);
    return {
      token: parsed.data.token,
      // On this machine's clock: Deel's expires_at is on Deel's, which may run ahead or behind.
      expiresAt: new Date(
        expiryAssumed ? this.#now() + WORKER_TOKEN_LIFETIME_MS : expires - this.#clock.ms(),
      ).toISOString(),
      expiryAssumed,
      idempotencyKey,
      profileIdField: field,
      ...(response.requestId && { requestId: response.requestId }),
      ...(response.originalRequestId && { originalRequestId: response.originalRequestId }),
    };
  }

  /** The body field this client's mints name the profile with (the one that last worked). */
  profileIdField(): ProfileIdField {
    return this.#profileIdField;
  }

  /** Before retrying a mint: a 429's Retry-After (or the pause), else the backoff. */
  #mintRetryDelayMs(error: DeelApiError, retry: number): number {
    const policy = this.#retry;
    if (error.kind === 'rate-limit') {
      const said = error.details.retryAfterSeconds;
      return Math.min(
        said === undefined ? policy.rateLimitPauseMs : said * 1000,
        policy.maxRetryAfterMs,
      );
    }
    return Math.min(policy.baseDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  }

  /**
   * `DELETE /workers/{id}/session`. A 404 means Deel holds no live token for this worker (never
   * minted, expired, already revoked, or revoked by an earlier attempt whose answer was lost).
   */
  async deleteWorkerSession(workerId: string): Promise<Revoked> {
    try {
      const response = await this.#send({
        method: 'DELETE',
        path: `workers/${encodeURIComponent(workerId)}/session`,
        token: this.#token,
      });
      return response.requestId ? { requestId: response.requestId } : {};
    } catch (error) {
      if (error instanceof DeelApiError && error.kind === 'not-found') {
        // Only Deel's own 404 (its error container) means "no live token". A 404 from a proxy,
        // a firewall or a wrong base path says nothing about the token: it may still be live.
        if (!error.fromDeelApi) {
          throw new DeelApiError(
            'server',
            'The revoke was answered 404 by something that is not Deel’s API (no Deel error body: a proxy, a firewall or a wrong base URL?). The token may still be live: check the connection, then revoke again.',
            error.status,
            error.requestId,
            [],
            error.details,
          );
        }
        throw new DeelApiError(
          'not-found',
          'Deel has no live token for this worker (404): there is nothing to revoke.',
          error.status,
          error.requestId,
          error.fieldErrors,
          error.details,
          true,
        );
      }
      throw error;
    }
  }

  /** `GET /people/me` with a worker token: whether that token works, and whose it is. */
  async getMe(workerToken: string): Promise<Me & { requestId?: string }> {
    const response = await this.#send({ method: 'GET', path: 'people/me', token: workerToken });
    const parsed = meSchema.safeParse(response.body);
    if (!parsed.success) throw unexpected(response.status);
    return {
      ...toMe(parsed.data),
      ...(response.requestId && { requestId: response.requestId }),
    };
  }

  async #get<T extends z.ZodType>(path: string, schema: T, query?: Query): Promise<z.output<T>> {
    const response = await this.#send({
      method: 'GET',
      path,
      token: this.#token,
      ...(query && { query }),
    });
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) throw unexpected(response.status);
    return parsed.data;
  }

  #send(request: HttpRequest) {
    return this.#http.send(request);
  }
}

function unexpected(status: number): DeelApiError {
  return new DeelApiError(
    'server',
    `Deel answered ${status} in a format the console does not understand.`,
    status,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function otherProfileField(field: ProfileIdField): ProfileIdField {
  return field === 'profile_id' ? 'hris_profile_id' : 'profile_id';
}

/** Deel's validation words for a field it does not know, or misses. */
const UNKNOWN_OR_REQUIRED =
  /\b(required|missing|unknown|not allowed|unrecognized|unrecognised|unexpected|not expected|not permitted)\b/i;

/**
 * A 400 that names the mint's profile field (`data.profile_id` or `data.hris_profile_id`, as
 * its path or in its message) as unknown or required: the organization spells it the other way
 * than `sent`. A 400 about the value (not a UUID, not an EOR worker) is not.
 */
function refusesProfileField(error: DeelApiError, sent: ProfileIdField): boolean {
  if (error.kind !== 'validation' || error.status !== 400) return false;
  const said = [
    ...error.fieldErrors,
    ...(error.details.deelMessage ? [{ path: '', message: error.details.deelMessage }] : []),
  ];
  const fields: ProfileIdField[] = [sent, otherProfileField(sent)];
  return said.some(
    ({ path, message }) =>
      UNKNOWN_OR_REQUIRED.test(message) &&
      fields.some(
        (field) =>
          path === `data.${field}` ||
          path === field ||
          new RegExp(`(^|[^a-z_])${field}([^a-z_]|$)`).test(message),
      ),
  );
}

function nonEmpty(values: readonly string[] | undefined): readonly string[] | undefined {
  return values && values.length > 0 ? values : undefined;
}

function readRows<T extends z.ZodType>(
  data: readonly unknown[],
  schema: T,
): { rows: z.output<T>[]; skipped: number } {
  const rows: z.output<T>[] = [];
  let skipped = 0;
  for (const item of data) {
    const parsed = schema.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else skipped++;
  }
  return { rows, skipped };
}

export {
  createDeelClient,
  DeelClient,
  PEOPLE_PAGE_SIZE,
  WORKER_TOKEN_LIFETIME_MS,
  type Contract,
  type ContractFilters,
  type ContractsPage,
  type DeelClientOptions,
  type Me,
  type PeopleFilters,
  type PeoplePage,
  type Person,
  type WorkerSession,
} from './client';
export {
  isLoopbackHost,
  normalizeBaseUrl,
  PRESET_BASE_URLS,
  resolveBaseUrl,
  type LiveEnvironment,
} from './environments';
export { DeelApiError, DeelConfigError, type DeelErrorKind, type FieldError } from './errors';
export { DEFAULT_RETRY, type RetryPolicy } from './http';
export {
  createRequestLimiter,
  DEFAULT_REQUESTS_PER_SECOND,
  sharedLimiter,
  type RequestLimiter,
} from './limiter';

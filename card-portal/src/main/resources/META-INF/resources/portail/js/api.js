// The portal's client of the registration authority's API (/api/v1) and of its own session
// (/portail/session). Same origin only; the session cookie travels by itself (HttpOnly), the
// anti-CSRF token of the session is repeated in X-CSRF-Token on every state-changing request,
// POSTs carry an Idempotency-Key. Errors are RFC 9457 problem documents, turned into ApiProblem.
import { t, has } from './i18n.js';

const TIMEOUT_MS = 30000;
const PROBLEM_PREFIX = 'urn:cartes-agents:problem:';
// The server's titles when it did not translate a problem (filters write English): then the
// detail is English too and the page shows its own French sentence first.
const ENGLISH_TITLES = new Set(['Malformed request', 'Certificate issuance refused', 'Malformed certificate request',
  'The CA could not issue', 'Request too large', 'Unsupported media type', 'Not acceptable', 'Method not allowed',
  'Not found', 'No such certificate', 'Certificate already revoked', 'Idempotency-Key header required',
  'Idempotency-Key already used for another request', 'Client certificate required', 'Not allowed',
  'Trust roles suspended', 'No such collectivity', 'No such person', 'Invalid input', 'Business rule violated',
  'Illegal state transition', 'Already exists', 'If-Match header required', 'Modified since you read it',
  'Internal error']);

let csrfToken = null;
const sessionListeners = [];

export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when the server says the session is gone (401 on a request made in a session). */
export function onSessionLost(listener) {
  sessionListeners.push(listener);
}

/** A problem answered by the server (or the network), with what to show in French. */
export class ApiProblem extends Error {
  constructor(status, body, cause) {
    super(body?.detail || body?.title || `HTTP ${status}`);
    this.status = status;
    this.type = body?.type || '';
    this.slug = this.type.startsWith(PROBLEM_PREFIX) ? this.type.substring(PROBLEM_PREFIX.length) : '';
    this.serverTitle = body?.title || '';
    this.detail = body?.detail || '';
    this.errors = Array.isArray(body?.errors) ? body.errors : [];
    this.body = body || {};
    this.cause = cause;
  }

  /** Whether the server wrote this problem in French (it does when it translated it). */
  get serverSpokeFrench() {
    return this.serverTitle !== '' && !ENGLISH_TITLES.has(this.serverTitle);
  }

  /** The sentence to show: the portal's own for this kind of problem, else the server's French detail. */
  get text() {
    if (this.status === 0) return t('probleme.reseau');
    if (this.serverSpokeFrench && this.detail) return this.detail;
    const key = `probleme.${this.slug}`;
    if (this.slug && has(key)) return t(key);
    return t('probleme.inattendu', { statut: this.status });
  }

  /** The server's detail when the sentence above is not it (shown as a technical detail). */
  get technicalDetail() {
    return this.serverSpokeFrench ? '' : this.detail;
  }
}

function newIdempotencyKey() {
  return crypto.randomUUID();
}

async function request(method, path, { params, body, ifMatch, idempotencyKey, headers = {}, accept = 'application/json', oneShot = false } = {}) {
  const url = new URL(path, window.location.origin);
  if (params) {
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
    }
  }
  const sent = { Accept: `${accept}, application/problem+json`, 'Accept-Language': 'fr', ...headers };
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) sent['X-CSRF-Token'] = csrfToken;
  // oneShot: routes whose request serves once (a revocation code, a link) take no Idempotency-Key
  if (method === 'POST' && !oneShot && !('Idempotency-Key' in sent) && path.startsWith('/api/')) {
    sent['Idempotency-Key'] = idempotencyKey || newIdempotencyKey();
  }
  if (ifMatch !== undefined && ifMatch !== null) sent['If-Match'] = ifMatch;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin', signal: controller.signal, cache: 'no-store',
    });
  } catch (networkError) {
    throw new ApiProblem(0, null, networkError);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (notJson) {
      problem = null;
    }
    const error = new ApiProblem(response.status, problem);
    if (response.status === 401 && csrfToken && !path.startsWith('/portail/session')) {
      sessionListeners.forEach((listener) => listener(error));
    }
    throw error;
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { data: null, etag, response };
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  return { data, etag, response };
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  delete: (path, options) => request('DELETE', path, options),
  newIdempotencyKey,
};

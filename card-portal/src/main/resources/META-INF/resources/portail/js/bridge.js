// The client of the workstation bridge (`pkcs11-bridge serve`, docs/pkcs11-bridge.md): on the
// loopback address only, paired once with a code the bridge prints (the token is kept in this
// browser's localStorage for this portal's origin). PINs go from the form to the bridge and to the
// card only: never to the server, never stored, the fields emptied after each request.
import { t } from './i18n.js';

const DEFAULT_PORT = 24861;
const TOKEN_KEY = 'cartes.bridge.token';
const PORT_KEY = 'cartes.bridge.port';
const TIMEOUT_MS = 120000;

export function bridgePort() {
  return Number(localStorage.getItem(PORT_KEY)) || DEFAULT_PORT;
}

export function isPaired() {
  return Boolean(localStorage.getItem(TOKEN_KEY));
}

export function forget() {
  localStorage.removeItem(TOKEN_KEY);
}

/** A refusal or a failure of the bridge, with a French sentence for the person. */
export class BridgeProblem extends Error {
  constructor(kind, body) {
    super(kind);
    this.kind = kind;
    this.body = body || {};
    this.errors = [];
  }

  get text() {
    const tries = this.body.triesLeft ?? this.body.pin?.triesLeft;
    if (this.kind === 'wrong-pin' && tries !== undefined && tries !== null) {
      return t('pont.probleme.wrong-pin-essais', { essais: tries });
    }
    const key = `pont.probleme.${this.kind}`;
    const known = t(key);
    if (known !== key) return known;
    return this.body.detail || t('pont.probleme.inconnu');
  }

  get technicalDetail() {
    return '';
  }
}

async function call(method, path, body, { authenticated = true } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': 'fr' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (authenticated) headers.Authorization = `Bearer ${localStorage.getItem(TOKEN_KEY) || ''}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(`http://127.0.0.1:${bridgePort()}${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal,
      cache: 'no-store', credentials: 'omit',
    });
  } catch (unreachable) {
    throw new BridgeProblem('no-bridge');
  } finally {
    clearTimeout(timer);
  }
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const kind = (data.type || '').split(':').pop() || `http-${response.status}`;
    if (kind === 'unauthorized') forget();
    throw new BridgeProblem(kind, data);
  }
  return data;
}

export function status() {
  return call('GET', '/v1/status', undefined, { authenticated: false });
}

export async function pair(code, port) {
  if (port) localStorage.setItem(PORT_KEY, String(port));
  const { token } = await call('POST', '/v1/pairing', { code }, { authenticated: false });
  localStorage.setItem(TOKEN_KEY, token);
}

export function card() {
  return call('GET', '/v1/card');
}

export function changePin(currentPin, newPin) {
  return call('POST', '/v1/card/pin/change', { currentPin, newPin });
}

export function unblockPin(unblockSecret, newPin) {
  return call('POST', '/v1/card/pin/unblock', { unblockSecret, newPin });
}

/** A detached CMS signature by the card's signature key over `dataBase64` (the hand-over receipt). */
export function signCms(pin, dataBase64) {
  return call('POST', '/v1/card/signature', { pin, dataBase64, kind: 'cms' });
}

/**
 * Personalizes the card in the reader for an approved order: keys made on the card, both
 * certificates through the registration authority with the operator's own certificate (the bridge
 * was started with it), written on the card. The card's PUK never comes back to the page.
 * `resume`: keep the keys already on the card (a personalization interrupted half-way) and finish.
 */
export function personalize(pin, orderId, { resume = false } = {}) {
  return call('POST', '/v1/card/personalization', { pin, orderId, resume });
}

/**
 * Renewal, step 1: new key pairs made on the card beside the ones in use (the card keeps working
 * with them), and the card's request for each: `{cardSerial, authenticationCsr, signatureCsr}`.
 */
export function renewalRequests(pin) {
  return call('POST', '/v1/card/renewal', { pin });
}

/** Renewal, step 2: the server's two certificates written next to the new keys, which then replace the old ones. */
export function writeRenewedCertificates(pin, authenticationCertificatePem, signatureCertificatePem) {
  return call('POST', '/v1/card/renewal/certificates', { pin, authenticationCertificatePem, signatureCertificatePem });
}

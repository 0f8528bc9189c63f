// The portal session: whether the browser is logged in, login (card or demo), logout, and the
// inactivity timeout shown to the person (the server enforces it: this only says so in time).
import { api, setCsrfToken } from './api.js';

let current = null;
let idleTimer = null;
let onExpiry = () => {};

export function session() {
  return current;
}

/** The live session, or null when the browser is not logged in. */
export async function resume() {
  try {
    const { data } = await api.get('/portail/session');
    return started(data);
  } catch (problem) {
    if (problem.status === 401 || problem.status === 404) return null;
    throw problem;
  }
}

/** Opens a session with the card's certificate (the browser presents it to the TLS handshake). */
export async function loginWithCard() {
  const { data } = await api.post('/portail/session', undefined);
  return started(data);
}

/** Opens a session as a demo user (only where the server has the demo login). */
export async function loginAsDemoUser(user) {
  const { data: token } = await api.post('/api/v1/demo/login', { user });
  const { data } = await api.post('/portail/session', undefined, { headers: { Authorization: `Bearer ${token.token}` } });
  return started(data);
}

export async function logout() {
  try {
    await api.delete('/portail/session');
  } finally {
    ended();
  }
}

export function loginOptions() {
  return api.get('/portail/session/options').then(({ data }) => data);
}

/** Calls `listener` when the inactivity timeout has passed without a request. */
export function whenIdle(listener) {
  onExpiry = listener;
}

/** Any activity of the page restarts the inactivity countdown. */
export function activity() {
  if (!current) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    ended();
    onExpiry();
  }, current.idleTimeoutSeconds * 1000);
}

function started(data) {
  current = data;
  setCsrfToken(data.csrfToken);
  activity();
  return current;
}

function ended() {
  current = null;
  setCsrfToken(null);
  clearTimeout(idleTimer);
}

// The portal's shell: the session, the menu of the person's roles, and the views addressed by the
// URL fragment (#/annuaire). Each view sets the page title and puts the focus on its heading.
import { api, onSessionLost } from './api.js';
import { t } from './i18n.js';
import { h, announce } from './ui.js';
import { resume, logout, whenIdle, activity, session } from './session.js';
import { rolesOf } from './roles.js';
import { routes, publicRoutes } from './routes.js';

const main = document.getElementById('contenu');
const context = { me: null };

async function start() {
  // The emailed link of a lost-card declaration arrives as #jeton=…: open its view with the token
  const link = /^#jeton=([^&]+)/.exec(window.location.hash);
  if (link) window.history.replaceState(null, '', `#/declarer-perte?jeton=${link[1]}`);
  document.querySelectorAll('[data-skip]').forEach((link) => link.addEventListener('click', (event) => {
    const target = document.getElementById(link.dataset.skip);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }));
  whenIdle(() => {
    context.me = null;
    renderChrome();
    window.location.hash = '#/connexion?expiree';
  });
  onSessionLost(() => {
    context.me = null;
    renderChrome();
    window.location.hash = '#/connexion?expiree';
  });
  document.addEventListener('click', activity);
  document.addEventListener('keydown', activity);
  try {
    if (await resume()) {
      context.me = await whoAmI();
    }
  } catch (problem) {
    context.me = null;
  }
  renderChrome();
  window.addEventListener('hashchange', route);
  await route();
}

/** The caller as the server sees them, with the name people read (from their directory entry). */
async function whoAmI() {
  const me = (await api.get('/api/v1/me')).data;
  me.displayName = t('session.administrateur');
  if (me.personId) {
    const person = (await api.get(`/api/v1/people/${me.personId}`).catch(() => ({ data: null }))).data;
    if (person) me.displayName = `${person.givenNames} ${person.usualName || person.birthName}`;
  }
  return me;
}

export async function loggedIn() {
  context.me = await whoAmI();
  renderChrome();
  window.location.hash = '#/';
}

function renderChrome() {
  const tools = document.getElementById('outils');
  tools.replaceChildren();
  if (context.me) {
    tools.append(h('li', {}, h('span', { class: 'fr-btn fr-btn--tertiary-no-outline', 'data-utilisateur': '' }, context.me.displayName)),
      h('li', {}, h('button', { class: 'fr-btn', type: 'button', id: 'deconnexion', onClick: async () => {
        await logout().catch(() => {});
        context.me = null;
        renderChrome();
        window.location.hash = '#/connexion?deconnecte';
      } }, t('session.deconnexion'))));
  } else {
    tools.append(h('li', {}, h('a', { class: 'fr-btn', href: '#/connexion' }, t('session.connexion'))));
  }
  const menu = document.getElementById('menu');
  menu.replaceChildren();
  const roles = rolesOf(context.me);
  for (const [path, view] of Object.entries(routes)) {
    if (!view.menu || !context.me || !view.roles.some((role) => roles.has(role))) continue;
    menu.append(h('li', { class: 'fr-nav__item' }, h('a', { class: 'fr-nav__link', href: `#${path}`, 'data-route': path }, t(view.menu))));
  }
  for (const [path, view] of Object.entries(publicRoutes)) {
    if (!view.menu || (context.me && view.anonymousOnly)) continue;
    menu.append(h('li', { class: 'fr-nav__item' }, h('a', { class: 'fr-nav__link', href: `#${path}`, 'data-route': path }, t(view.menu))));
  }
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?');
  return { path, query: new URLSearchParams(query) };
}

async function route() {
  const { path, query } = parseHash();
  const segments = path.split('/');
  const base = `/${segments[1] || ''}`;
  let view = publicRoutes[base] || routes[base];
  if (!view) view = publicRoutes['/introuvable'];
  if (routes[base] && !context.me) {
    window.location.hash = '#/connexion';
    return;
  }
  if (routes[base] && !view.roles.some((role) => rolesOf(context.me).has(role))) {
    view = publicRoutes['/interdit'];
  }
  if (base === '/' && !context.me) {
    view = publicRoutes['/connexion'];
  }
  document.querySelectorAll('#menu a').forEach((link) => {
    if (link.dataset.route === base) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
  // Each visit renders into its own element: a view still loading when the person moves on (the
  // dashboard's panels) then fills a detached element, not the next view
  const place = h('div', { class: 'cartes-vue' });
  main.replaceChildren(place);
  // A view shared by several roles may name itself after the person's (the desk)
  const title = t(typeof view.title === 'function' ? view.title(context) : view.title);
  document.title = `${title} — Cartes Agents`;
  try {
    await view.render(place, { ...context, session: session(), query, segments: segments.slice(2), loggedIn });
  } catch (problem) {
    place.append(h('h1', {}, title), h('div', { class: 'fr-alert fr-alert--error', role: 'alert' },
      h('p', {}, problem.text || t('probleme.inattendu', { statut: '' }))));
  }
  if (!place.isConnected) return;
  const heading = place.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
  announce(title);
}

start();

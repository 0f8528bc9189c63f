// The dashboard: for a mayor or delegate, their commune's state (directory issues, conventions,
// security questionnaire); for everyone, the shortcuts of their roles.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, badge, table } from '../ui.js';
import { rolesOf, managedCollectivities } from '../roles.js';

const DAY_MS = 24 * 3600 * 1000;

/** How many of the collectivity's cards or orders the filter keeps (the page's total, one item read). */
function countOf(id, path, params) {
  return api.get(`/api/v1/collectivities/${id}/${path}`, { params: { ...params, size: 1 } }).then((r) => r.data.total);
}

/** The day `days` from today in France, YYYY-MM-DD, as the server's `expiringBefore` reads it (a day in France). */
function dayIn(days) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + days * DAY_MS));
}

/**
 * The card figures of the dashboard, each counted by the server (the list's `total` under a filter), so that
 * a commune of any size is counted whole: cards in use (delivered or active), those of them that end within
 * 90 and 30 days (the server's reminders go at those marks too), those whose PIN is blocked (the server
 * knows it from the unblock asked, `pinBlockedSince`, until the unblock is done; listed, oldest first, from
 * the first page), orders in progress, revoked cards.
 */
async function cardFigures(id) {
  const inUse = 'delivered,active';
  const [count, within90, within30, blockedPage, requested, approved, personalized, revoked] = await Promise.all([
    countOf(id, 'cards', { state: inUse }),
    countOf(id, 'cards', { state: inUse, expiringBefore: dayIn(90) }),
    countOf(id, 'cards', { state: inUse, expiringBefore: dayIn(30) }),
    api.get(`/api/v1/collectivities/${id}/cards`, { params: { state: inUse, pinBlocked: true, size: 200 } }).then((r) => r.data),
    countOf(id, 'card-orders', { state: 'requested' }), countOf(id, 'card-orders', { state: 'approved' }),
    countOf(id, 'card-orders', { state: 'personalized' }), countOf(id, 'cards', { state: 'revoked' })]);
  const blocked = [...blockedPage.items].sort((a, b) => a.pinBlockedSince.localeCompare(b.pinBlockedSince));
  return { inUse: count, within90, within30, blocked, blockedCount: blockedPage.total,
    ordersInProgress: requested + approved + personalized, revoked };
}

/** The blocked cards, oldest block first, with their holders' names. */
async function blockedList(id, cards) {
  const names = new Map(await Promise.all([...new Set(cards.map((card) => card.personId))].map(async (personId) => {
    const person = (await api.get(`/api/v1/people/${personId}`).catch(() => ({ data: null }))).data;
    return [personId, person ? `${person.givenNames} ${person.usualName || person.birthName}` : '—'];
  })));
  return h('div', { id: `cartes-bloquees-${id}`, class: 'fr-mt-3w' },
    table(t('tableau.bloquees.titre'), [t('guichet.titulaire'), t('carte.numero'), t('tableau.bloquees.depuis')],
      cards.map((card) => [names.get(card.personId), card.cardSerial, formatDate(card.pinBlockedSince)])),
    h('p', { class: 'fr-hint-text' }, t('tableau.bloquees.aide')));
}

function figure(key, value, kind) {
  return h('li', { 'data-chiffre': key }, value > 0 && kind ? badge(t(`tableau.cartes.${key}`, { nombre: value }), kind)
    : t(`tableau.cartes.${key}`, { nombre: value }));
}

async function collectivityPanel(id) {
  const [{ data: collectivity }, status, conventions, questionnaire, cards] = await Promise.all([
    api.get(`/api/v1/collectivities/${id}`),
    api.get(`/api/v1/collectivities/${id}/directory-status`).then((r) => r.data).catch(() => null),
    api.get('/api/v1/conventions', { params: { collectivityId: id } }).then((r) => r.data).catch(() => null),
    api.get(`/api/v1/collectivities/${id}/questionnaire`).then((r) => r.data).catch(() => null),
    cardFigures(id).catch(() => null),
  ]);
  const section = h('section', { class: 'fr-mb-6w', 'aria-labelledby': `tableau-${id}` },
    h('h2', { id: `tableau-${id}` }, collectivity.name));
  const tiles = h('div', { class: 'fr-grid-row fr-grid-row--gutters' });
  const issues = status?.issues || [];
  tiles.append(tile(t('tableau.annuaire'), issues.length === 0
    ? [badge(t('tableau.annuaire.ok'), 'success')]
    : issues.map((issue) => badge(t(`tableau.probleme.${issue}`), 'warning')), '#/annuaire'));
  const items = conventions?.items || conventions || [];
  tiles.append(tile(t('tableau.conventions'), items.length === 0 ? [h('p', {}, t('tableau.conventions.aucune'))]
    : items.map((convention) => h('p', { class: 'fr-mb-1w' }, `${t(`convention.type.${convention.kind}`)} : `,
      badge(t(`convention.etat.${convention.state}`), convention.state === 'active' ? 'success' : 'info'),
      conventionEnd(convention) ? ` ${t('tableau.conventions.fin', { date: formatDate(conventionEnd(convention)) })}` : '')),
  '#/convention'));
  if (cards) {
    tiles.append(tile(t('tableau.cartes'), [h('ul', { class: 'fr-mb-0', id: `chiffres-cartes-${id}` },
      figure('en-service', cards.inUse),
      figure('expirent-90', cards.within90, 'warning'),
      figure('expirent-30', cards.within30, 'error'),
      figure('bloquees', cards.blockedCount, 'warning'),
      figure('commandes', cards.ordersInProgress, 'info'),
      figure('revoquees', cards.revoked, 'error'))], '#/commandes'));
  }
  if (questionnaire) {
    tiles.append(tile(t('tableau.questionnaire'),
      [badge(t(`questionnaire.statut.${questionnaire.status}`), questionnaire.status === 'compliant' ? 'success' : 'warning')],
      '#/convention'));
  }
  section.append(tiles);
  if (cards?.blocked.length) section.append(await blockedList(id, cards.blocked));
  return section;
}

/** A convention ends at its termination date when one is set, else at the end of its current period. */
function conventionEnd(convention) {
  return convention.terminatesOn || convention.currentPeriodEnd;
}

function tile(title, content, href) {
  return h('div', { class: 'fr-col-12 fr-col-md-4' },
    h('div', { class: 'fr-card fr-enlarge-link' }, h('div', { class: 'fr-card__body' }, h('div', { class: 'fr-card__content' },
      h('h3', { class: 'fr-card__title' }, h('a', { href }, title)),
      h('div', { class: 'fr-card__desc' }, content)))));
}

export default {
  title: 'tableau.titre',
  async render(main, { me }) {
    main.append(h('h1', {}, t('tableau.titre')), h('p', { class: 'fr-text--lead' }, t('tableau.bienvenue', { nom: me.displayName })));
    const roles = rolesOf(me);
    for (const id of managedCollectivities(me)) {
      main.append(await collectivityPanel(id));
    }
    const shortcuts = [];
    if (roles.has('holder')) shortcuts.push(['#/ma-carte', t('menu.ma-carte')]);
    if (roles.has('registration_officer')) shortcuts.push(['#/guichet', t('menu.guichet')], ['#/annuaire', t('menu.annuaire')]);
    if (roles.has('auditor') || roles.has('national_administrator')) {
      shortcuts.push(['#/conventions', t('menu.conventions')], ['#/audit', t('menu.audit')]);
    }
    if (shortcuts.length) {
      main.append(h('section', { 'aria-labelledby': 'raccourcis' }, h('h2', { id: 'raccourcis' }, t('tableau.raccourcis')),
        h('ul', {}, shortcuts.map(([href, label]) => h('li', {}, h('a', { class: 'fr-link', href }, label))))));
    }
  },
};

// Card orders (issue 11's contract): a mayor or delegate orders a card for a person of the
// directory; a registration officer approves or cancels an order; anyone allowed follows one by
// its number. The server applies the CARTES rules (active convention, quota, fee) and says why it
// refuses.
import { api } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, badge, button, formValues, withProgress, table } from '../ui.js';
import { managedCollectivities, rolesOf } from '../roles.js';

export const REASONS = ['initial', 'renewal', 'replacement_defect', 'loss', 'theft', 'forgotten_pin', 'additional'];

function orderSummary(order, actions) {
  return h('div', { class: 'fr-card fr-mb-3w', id: `commande-${order.id}` }, h('div', { class: 'fr-card__body' },
    h('div', { class: 'fr-card__content' },
      h('h3', { class: 'fr-card__title' }, t('commandes.commande', { numero: order.id })),
      h('div', { class: 'fr-card__desc' },
        h('p', {}, badge(t(`commande.etat.${order.state}`), order.state === 'cancelled' ? 'warning' : 'info')),
        h('p', {}, t('commandes.motif-de', { motif: t(`commande.motif.${order.reason}`) })),
        h('p', {}, order.freeOfCharge ? t('commandes.gratuite') : t('commandes.frais', { euros: (order.feeCentsExclTax / 100).toFixed(2).replace('.', ',') })),
        order.orderedAt ? h('p', {}, t('commandes.passee-le', { date: formatDateTime(order.orderedAt) })) : null),
      actions ? h('div', { class: 'cartes-actions fr-mt-2w' }, actions) : null)));
}

/** The collectivity's orders, newest first, with the cancellation of those still in progress. */
async function ordersList(section, collectivityId, names) {
  const { data } = await api.get(`/api/v1/collectivities/${collectivityId}/card-orders`, { params: { size: 50 } });
  const orders = data.items || [];
  section.replaceChildren(h('h2', { id: 'titre-commandes-commune' }, t('commandes.liste')));
  if (!orders.length) {
    section.append(h('p', {}, t('commandes.liste.aucune')));
    return;
  }
  section.append(table(t('commandes.liste'), [t('habilitations.personne'), t('commandes.motif'), t('commandes.etat'),
    t('guichet.passee-le'), t('habilitations.action')],
  orders.map((order) => [names.get(order.personId) || order.personId, t(`commande.motif.${order.reason}`),
    badge(t(`commande.etat.${order.state}`), order.state === 'cancelled' ? 'warning' : 'info'), formatDateTime(order.orderedAt),
    order.state === 'requested' || order.state === 'approved'
      ? button(t('commandes.annuler-bouton'), async () => {
        try {
          await api.post(`/api/v1/card-orders/${order.id}/transitions`, { action: 'cancel' }, { ifMatch: `"${order.version}"` });
          await ordersList(section, collectivityId, names);
          success(section, t('commandes.cancel-fait'));
        } catch (problem) {
          showProblem(section, problem);
        }
      }, { secondary: true, name: `annuler-${order.id}` })
      : '—'])));
}

async function orderForm(main, collectivityId) {
  const { data: people } = await api.get(`/api/v1/collectivities/${collectivityId}/people`, { params: { status: 'active', limit: 100 } });
  const names = new Map(people.items.map((p) => [p.id, `${p.givenNames} ${p.usualName || p.birthName}`]));
  const list = h('section', { class: 'fr-mt-6w', 'aria-labelledby': 'titre-commandes-commune', id: 'commandes-commune' });
  const idempotencyKey = { value: api.newIdempotencyKey() };
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('commandes.commander'));
  const form = h('form', { id: 'commander-carte', novalidate: true, 'aria-labelledby': 'titre-commander' },
    h('h2', { id: 'titre-commander' }, t('commandes.commander')),
    field({ name: 'personId', label: t('habilitations.personne'), required: true,
      options: people.items.map((p) => [p.id, `${p.givenNames} ${p.usualName || p.birthName}`]) }),
    field({ name: 'reason', label: t('commandes.motif'), required: true, options: REASONS.map((r) => [r, t(`commande.motif.${r}`)]) }),
    field({ name: 'cardProfile', label: t('commandes.profil'), options: [['standard', t('commande.profil.standard')], ['a05', t('commande.profil.a05')]] }),
    submit);
  const placed = h('div', { id: 'commande-passee' });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { data } = await withProgress(form, t('enregistrement'),
        () => api.post(`/api/v1/collectivities/${collectivityId}/card-orders`, formValues(form), { idempotencyKey: idempotencyKey.value }), submit);
      idempotencyKey.value = api.newIdempotencyKey();
      clearErrors(form);
      success(form, t('commandes.passee'));
      placed.replaceChildren(orderSummary(data));
      await ordersList(list, collectivityId, names);
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  main.append(form, placed, list);
  await ordersList(list, collectivityId, names);
}

function lookup(main, officer) {
  const result = h('div', { id: 'commande-trouvee' });
  const form = h('form', { role: 'search', id: 'trouver-commande', 'aria-label': t('commandes.suivre') },
    h('h2', {}, officer ? t('commandes.approuver') : t('commandes.suivre')),
    field({ name: 'id', label: t('commandes.numero'), required: true, hint: t('commandes.numero.aide') }),
    h('button', { class: 'fr-btn', type: 'submit' }, t('commandes.afficher')));
  async function show(id) {
    try {
      const { data: order, etag } = await api.get(`/api/v1/card-orders/${encodeURIComponent(id)}`);
      clearErrors(form);
      const act = (action) => async () => {
        try {
          await withProgress(result, t('enregistrement'), () => api.post(`/api/v1/card-orders/${order.id}/transitions`, { action },
            { ifMatch: etag || `"${order.version}"` }));
          await show(order.id);
          success(result, t(`commandes.${action}-fait`));
        } catch (problem) {
          showProblem(result, problem);
        }
      };
      const actions = [];
      if (officer && order.state === 'requested') actions.push(button(t('commandes.approuver-bouton'), act('approve'), { name: 'approuver' }));
      if (order.state === 'requested' || order.state === 'approved') {
        actions.push(button(t('commandes.annuler-bouton'), act('cancel'), { secondary: true, name: 'annuler-commande' }));
      }
      result.replaceChildren(orderSummary(order, actions));
    } catch (problem) {
      showProblem(form, problem);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show(formValues(form).id);
  });
  main.append(form, result);
}

export default {
  title: 'commandes.titre',
  async render(main, { me }) {
    main.append(h('h1', {}, t('commandes.titre')));
    const collectivityId = managedCollectivities(me)[0];
    if (collectivityId) await orderForm(main, collectivityId);
    lookup(main, rolesOf(me).has('registration_officer'));
  },
};

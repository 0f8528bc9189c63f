// Habilitations of the commune's agents per application: grant (the server explains a refusal,
// e.g. COMEDEC "officier" without the civil-status delegation), withdraw after confirmation.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, table, button, confirmInPage, formValues, withProgress } from '../ui.js';
import { managedCollectivities } from '../roles.js';

const LEVELS = {
  comedec: ['agent', 'officier'], actes: ['utilisateur'], helios: ['utilisateur', 'signataire'], saip: ['utilisateur'],
  tes: ['recueil', 'remise'], pve: ['verbalisateur'],
};

export default {
  title: 'habilitations.titre',
  async render(main, { me }) {
    const collectivityId = managedCollectivities(me)[0];
    const base = `/api/v1/collectivities/${collectivityId}/habilitations`;
    main.append(h('h1', {}, t('habilitations.titre')), h('p', {}, t('habilitations.intro')));
    const { data: people } = await api.get(`/api/v1/collectivities/${collectivityId}/people`, { params: { status: 'active', limit: 100 } });
    const names = new Map(people.items.map((p) => [p.id, `${p.givenNames} ${p.usualName || p.birthName}`]));

    const idempotencyKey = { value: api.newIdempotencyKey() };
    const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('habilitations.accorder'));
    const levelGroup = h('div', {});
    const application = field({ name: 'application', label: t('habilitations.application'), required: true,
      options: Object.keys(LEVELS).map((app) => [app, t(`application.${app}`)]) });
    const renderLevels = (app) => levelGroup.replaceChildren(field({ name: 'level', label: t('habilitations.niveau'), required: true,
      options: LEVELS[app].map((level) => [level, t(`niveau.${level}`)]) }));
    application.querySelector('select').addEventListener('change', (event) => renderLevels(event.target.value));
    renderLevels('comedec');
    const form = h('form', { id: 'accorder-habilitation', novalidate: true, 'aria-labelledby': 'titre-accorder' },
      h('h2', { id: 'titre-accorder' }, t('habilitations.accorder')),
      field({ name: 'personId', label: t('habilitations.personne'), required: true, options: [...names.entries()] }),
      application, levelGroup, submit);
    const list = h('section', { 'aria-labelledby': 'titre-actives', class: 'fr-mt-6w' });
    const requests = h('section', { 'aria-labelledby': 'titre-demandes', class: 'fr-mt-6w', id: 'demandes-habilitation' });
    // Four-eyes: a manager's grant to themselves waits for another manager (the server refuses the asker)
    async function loadRequests() {
      const { data } = await api.get(`/api/v1/collectivities/${collectivityId}/habilitation-requests`, { params: { status: 'pending' } });
      // Managers ask for themselves: they may not be among the agents listed above
      await Promise.all([...new Set(data.map((request) => request.personId))].filter((id) => !names.has(id)).map(async (id) => {
        const person = (await api.get(`/api/v1/people/${id}`).catch(() => ({ data: null }))).data;
        if (person) names.set(id, `${person.givenNames} ${person.usualName || person.birthName}`);
      }));
      const decide = (request, decision) => async () => {
        try {
          await api.post(`/api/v1/collectivities/${collectivityId}/habilitation-requests/${request.id}/${decision}`, undefined,
            { ifMatch: `"${request.version}"` });
          await loadRequests();
          await load();
          success(requests, t(`habilitations.demande.${decision}-faite`));
        } catch (problem) {
          showProblem(requests, problem);
        }
      };
      requests.replaceChildren(h('h2', { id: 'titre-demandes' }, t('habilitations.demandes')),
        h('p', {}, t('habilitations.demandes.regle')),
        data.length === 0 ? h('p', {}, t('habilitations.demandes.aucune'))
          : table(t('habilitations.demandes'), [t('habilitations.personne'), t('habilitations.application'), t('habilitations.niveau'),
            t('habilitations.demandee-le'), t('habilitations.action')],
          data.map((request) => [names.get(request.personId) || request.personId, t(`application.${request.application}`),
            t(`niveau.${request.level}`), formatDate(request.requestedAt),
            h('div', { class: 'cartes-actions' },
              button(t('habilitations.demande.approuver'), decide(request, 'approval'), { name: `approuver-${request.id}` }),
              button(t('habilitations.demande.rejeter'), decide(request, 'rejection'), { secondary: true, name: `rejeter-${request.id}` }))])));
    }
    async function load() {
      const { data } = await api.get(base, { params: { status: 'active', limit: 500 } });
      list.replaceChildren(h('h2', { id: 'titre-actives' }, t('habilitations.actives')),
        data.length === 0 ? h('p', {}, t('habilitations.aucune'))
          : table(t('habilitations.actives'), [t('habilitations.personne'), t('habilitations.application'), t('habilitations.niveau'),
            t('habilitations.depuis'), t('habilitations.action')],
          data.map((habilitation) => [names.get(habilitation.personId) || habilitation.personId, t(`application.${habilitation.application}`),
            t(`niveau.${habilitation.level}`), formatDate(habilitation.grantedAt),
            button(t('habilitations.retirer'), async () => {
              const confirmed = await confirmInPage(list, t('habilitations.retirer.confirmation', {
                application: t(`application.${habilitation.application}`), nom: names.get(habilitation.personId) || '' }),
              t('habilitations.retirer'));
              if (!confirmed) return;
              try {
                await api.post(`${base}/${habilitation.id}/withdrawal`, undefined, { ifMatch: `"${habilitation.version}"` });
                await load();
                success(list, t('habilitations.retiree'));
              } catch (problem) {
                showProblem(list, problem);
              }
            }, { secondary: true })])));
    }
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const { response } = await withProgress(form, t('enregistrement'),
          () => api.post(base, formValues(form), { idempotencyKey: idempotencyKey.value }), submit);
        idempotencyKey.value = api.newIdempotencyKey();
        clearErrors(form);
        success(form, t(response.status === 202 ? 'habilitations.demande.enregistree' : 'habilitations.accordee'));
        await load();
        await loadRequests();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    main.append(form, list, requests);
    await Promise.all([load(), loadRequests()]);
  },
};

// The mayor's page: the delegates (responsables cartes) and the delegations of the mayor's powers
// (civil status, signature of acts, ordonnateur, municipal police), each appointed or ended here.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, table, button, confirmInPage, formValues, withoutBlanks, withProgress }
  from '../ui.js';
import { managedCollectivities } from '../roles.js';

const KINDS = ['officier_etat_civil', 'signature_actes', 'ordonnateur', 'police_municipale'];

function personName(row) {
  return `${row.givenNames || ''} ${row.usualName || row.birthName || ''}`.trim();
}

function current(row) {
  return !row.endsOn || new Date(`${row.endsOn}T23:59:59`) >= new Date();
}

export default {
  title: 'delegues.titre',
  async render(main, { me }) {
    const collectivityId = managedCollectivities(me)[0];
    const base = `/api/v1/collectivities/${collectivityId}`;
    main.append(h('h1', {}, t('delegues.titre')));
    const { data: people } = await api.get(`${base}/people`, { params: { status: 'active', limit: 100 } });
    const names = new Map(people.items.map((p) => [p.id, personName(p)]));
    const choices = [...names.entries()];

    const roles = h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-delegues' });
    const delegations = h('section', { 'aria-labelledby': 'titre-delegations' });
    main.append(roles, delegations);

    async function loadRoles() {
      const { data } = await api.get(`${base}/roles`);
      const rows = data.filter(current);
      const appoint = h('button', { class: 'fr-btn', type: 'submit' }, t('delegues.designer'));
      const form = h('form', { id: 'designer-delegue', novalidate: true },
        field({ name: 'personId', label: t('habilitations.personne'), required: true, options: choices }), appoint);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await withProgress(form, t('enregistrement'), () => api.post(`${base}/delegates`, formValues(form)), appoint);
          await loadRoles();
          success(roles, t('delegues.designe'));
        } catch (problem) {
          showProblem(form, problem);
        }
      });
      roles.replaceChildren(h('h2', { id: 'titre-delegues' }, t('delegues.delegues')),
        rows.length === 0 ? h('p', {}, t('delegues.aucun')) : table(t('delegues.delegues'),
          [t('personne.nom'), t('personne.roles'), t('habilitations.depuis'), t('habilitations.action')],
          rows.map((row) => [personName(row), t(`role.${row.role}`), formatDate(row.startsOn), row.role !== 'delegate' ? '—'
            : button(t('delegues.fin'), async () => {
              if (!await confirmInPage(roles, t('delegues.fin.confirmation', { nom: personName(row) }), t('delegues.fin'))) return;
              try {
                await api.post(`${base}/delegates/${row.id}/dismissal`, {}, { ifMatch: `"${row.version}"` });
                await loadRoles();
                success(roles, t('delegues.fini'));
              } catch (problem) {
                showProblem(roles, problem);
              }
            }, { secondary: true })])),
        h('h3', {}, t('delegues.designer')), form);
    }

    async function loadDelegations() {
      const { data } = await api.get(`${base}/delegations`);
      const rows = data.filter(current);
      const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('delegations.enregistrer'));
      const form = h('form', { id: 'nouvelle-delegation', novalidate: true },
        field({ name: 'personId', label: t('habilitations.personne'), required: true, options: choices }),
        field({ name: 'kind', label: t('delegations.nature'), required: true, options: KINDS.map((kind) => [kind, t(`delegation.${kind}`)]) }),
        field({ name: 'reference', label: t('delegations.arrete'), hint: t('delegations.arrete.aide'), required: true }),
        submit);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          await withProgress(form, t('enregistrement'), () => api.post(`${base}/delegations`, withoutBlanks(formValues(form))), submit);
          await loadDelegations();
          success(delegations, t('delegations.enregistree'));
        } catch (problem) {
          showProblem(form, problem);
        }
      });
      delegations.replaceChildren(h('h2', { id: 'titre-delegations' }, t('delegations.titre')),
        rows.length === 0 ? h('p', {}, t('delegations.aucune')) : table(t('delegations.titre'),
          [t('personne.nom'), t('delegations.nature'), t('delegations.arrete'), t('habilitations.depuis'), t('habilitations.action')],
          rows.map((row) => [names.get(row.personId) || row.personId, t(`delegation.${row.kind}`), row.reference, formatDate(row.startsOn),
            button(t('delegations.fin'), async () => {
              if (!await confirmInPage(delegations, t('delegations.fin.confirmation', { nom: names.get(row.personId) || '' }),
                t('delegations.fin'))) return;
              try {
                await api.post(`${base}/delegations/${row.id}/end`, {}, { ifMatch: `"${row.version}"` });
                await loadDelegations();
                success(delegations, t('delegations.finie'));
              } catch (problem) {
                showProblem(delegations, problem);
              }
            }, { secondary: true })])),
        h('h3', {}, t('delegations.enregistrer')), form);
      clearErrors(form);
    }
    await loadRoles();
    await loadDelegations();
  },
};

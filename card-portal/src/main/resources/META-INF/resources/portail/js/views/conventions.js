// National administrators and auditors: the conventions and their states, and the compliance of a
// collectivity (its Guide SSI questionnaire and audit findings).
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, field, showProblem, table, badge, formValues, withProgress } from '../ui.js';

export default {
  title: 'conventions.titre',
  async render(main) {
    main.append(h('h1', {}, t('conventions.titre')));
    const form = h('form', { role: 'search', 'aria-label': t('conventions.filtre'), id: 'filtre-conventions', class: 'fr-mb-4w' },
      h('div', { class: 'fr-grid-row fr-grid-row--gutters' },
        h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'kind', label: t('conventions.type'), options: [['', t('annuaire.recherche.tous')],
          ['cartes', 'CARTES'], ['comedec', 'COMEDEC'], ['pve', 'PVe']] })),
        h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'state', label: t('conventions.etat'), options: [['', t('annuaire.recherche.tous')],
          ...['draft', 'signed', 'active', 'suspended', 'termination_requested', 'terminated'].map((state) => [state, t(`convention.etat.${state}`)])] }))),
      h('button', { class: 'fr-btn', type: 'submit' }, t('conventions.filtrer')));
    const results = h('div', { id: 'resultats-conventions' });
    main.append(form, results);
    async function load() {
      const values = formValues(form);
      try {
        const { data } = await withProgress(results, t('chargement'), () => api.get('/api/v1/conventions', { params: { ...values, size: 100 } }));
        const items = data.items || data;
        const names = new Map();
        await Promise.all([...new Set(items.flatMap((c) => c.partyIds || []))].map((id) => api.get(`/api/v1/collectivities/${id}`)
          .then(({ data: collectivity }) => names.set(id, collectivity.name)).catch(() => names.set(id, id))));
        results.replaceChildren(items.length === 0 ? h('p', {}, t('conventions.aucune'))
          : table(t('conventions.liste'), [t('conventions.type'), t('conventions.parties'), t('conventions.etat'), t('conventions.fin')],
            items.map((c) => [t(`convention.type.${c.kind}`), (c.partyIds || []).map((id) => names.get(id)).join(', '),
              badge(t(`convention.etat.${c.state}`), c.state === 'active' ? 'success' : 'info'), formatDate(c.currentPeriodEnd || c.terminatesOn)])));
      } catch (problem) {
        showProblem(form, problem);
      }
    }
    form.addEventListener('submit', (event) => { event.preventDefault(); load(); });
    await load();
  },
};

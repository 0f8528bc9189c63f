// National administrators and auditors: the compliance of a collectivity, found by name: its
// Guide SSI questionnaire (status per measure) and its audit findings.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, field, showProblem, clearErrors, table, badge, formValues, withProgress } from '../ui.js';

function statusBadge(status) {
  return badge(t(`questionnaire.statut.${status}`), status === 'compliant' ? 'success' : status === 'non_compliant' ? 'error' : 'info');
}

async function show(result, collectivity) {
  const id = collectivity.id;
  const [{ data: questionnaire }, { data: findings }] = await Promise.all([
    api.get(`/api/v1/collectivities/${id}/questionnaire`), api.get(`/api/v1/collectivities/${id}/findings`)]);
  const items = findings.items || findings;
  result.replaceChildren(h('h2', { id: 'titre-conformite' }, collectivity.name),
    collectivity.trustSuspended ? h('div', { class: 'fr-alert fr-alert--warning fr-mb-3w' }, h('p', {}, t('conformite.suspendue'))) : '',
    h('p', {}, t('questionnaire.resume', { reponses: questionnaire.answered, total: questionnaire.total }), ' ', statusBadge(questionnaire.status)),
    table(t('conformite.mesures'), [t('conformite.mesure'), t('conformite.statut')],
      questionnaire.measures.map((measure) => [`${measure.number}. ${measure.title}`, statusBadge(measure.status)])),
    h('h3', {}, t('conformite.ecarts')),
    items.length === 0 ? h('p', {}, t('conformite.aucun-ecart')) : table(t('conformite.ecarts'),
      [t('conformite.gravite'), t('conformite.description'), t('conformite.constate'), t('conformite.etat')],
      items.map((finding) => [t(`conformite.gravite.${finding.severity}`), finding.description, formatDate(finding.foundOn),
        t(`conformite.etat.${finding.state}`)])));
}

export default {
  title: 'conformite.titre',
  async render(main) {
    main.append(h('h1', {}, t('conformite.titre')), h('p', {}, t('conformite.intro')));
    const form = h('form', { role: 'search', id: 'chercher-collectivite', 'aria-label': t('conformite.chercher') },
      field({ name: 'name', label: t('conformite.nom'), hint: t('conformite.nom.aide'), required: true }),
      h('button', { class: 'fr-btn', type: 'submit' }, t('conformite.chercher')));
    const choices = h('div', { id: 'collectivites' });
    const result = h('section', { id: 'conformite', 'aria-labelledby': 'titre-conformite', class: 'fr-mt-4w' });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const { data } = await withProgress(choices, t('chargement'), () => api.get('/api/v1/collectivities', { params: { name: formValues(form).name, size: 10 } }));
        clearErrors(form);
        const items = data.items || data;
        choices.replaceChildren(items.length === 0 ? h('p', {}, t('conformite.aucune'))
          : h('ul', {}, items.map((collectivity) => h('li', {}, h('button', { class: 'fr-btn fr-btn--tertiary fr-btn--sm', type: 'button',
            onClick: () => show(result, collectivity).catch((problem) => showProblem(result, problem)) },
          `${collectivity.name} (${collectivity.inseeCode || collectivity.kind})`)))));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    main.append(form, choices, result);
  },
};

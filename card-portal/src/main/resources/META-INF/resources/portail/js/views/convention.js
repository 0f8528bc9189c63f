// A mayor's or delegate's commune: its conventions (state, current period) and the Guide SSI
// questionnaire, answered control point by control point.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, showProblem, clearErrors, success, table, badge, withProgress } from '../ui.js';
import { managedCollectivities } from '../roles.js';

function statusBadge(status) {
  return badge(t(`questionnaire.statut.${status}`), status === 'compliant' ? 'success' : status === 'non_compliant' ? 'error' : 'info');
}

async function questionnaire(section, collectivityId) {
  const path = `/api/v1/collectivities/${collectivityId}/questionnaire`;
  let { data, etag } = await api.get(path);
  section.append(h('p', {}, t('questionnaire.resume', { reponses: data.answered, total: data.total }), ' ', statusBadge(data.status)));
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('questionnaire.enregistrer'));
  const form = h('form', { id: 'questionnaire', novalidate: true });
  for (const measure of data.measures) {
    const fieldset = h('fieldset', { class: 'fr-fieldset fr-mb-4w', 'aria-labelledby': `mesure-${measure.number}` },
      h('legend', { class: 'fr-fieldset__legend', id: `mesure-${measure.number}` },
        `${t('questionnaire.mesure', { numero: measure.number })} — ${measure.title} `, statusBadge(measure.status)));
    for (const point of measure.controlPoints) {
      const name = `point-${point.id}`;
      const group = h('div', { class: 'fr-fieldset__element', 'data-field': point.id },
        h('fieldset', { class: 'fr-fieldset', 'aria-labelledby': `${name}-texte` },
          h('legend', { class: 'fr-fieldset__legend fr-text--regular', id: `${name}-texte` }, `${point.id} ${point.text}`),
          ...[['true', t('questionnaire.applique')], ['false', t('questionnaire.non-applique')]].map(([value, label]) =>
            h('div', { class: 'fr-fieldset__element fr-fieldset__element--inline' }, h('div', { class: 'fr-radio-group' },
              h('input', { type: 'radio', id: `${name}-${value}`, name, value,
                checked: point.applied !== null && point.applied !== undefined && String(point.applied) === value }),
              h('label', { class: 'fr-label', for: `${name}-${value}` }, label))))));
      fieldset.append(group);
    }
    form.append(fieldset);
  }
  form.append(submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = [];
    form.querySelectorAll('input[type="radio"]:checked').forEach((input) => {
      answers.push({ controlPoint: input.name.substring('point-'.length), applied: input.value === 'true' });
    });
    if (answers.length === 0) {
      showProblem(form, { text: t('questionnaire.aucune-reponse'), errors: [] });
      return;
    }
    try {
      const answer = await withProgress(form, t('enregistrement'), () => api.put(path, { answers }, { ifMatch: etag }), submit);
      etag = answer.etag || etag;
      clearErrors(form);
      success(form, t('questionnaire.enregistre', { statut: t(`questionnaire.statut.${answer.data.status}`) }));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  section.append(form);
}

export default {
  title: 'convention.titre',
  async render(main, { me }) {
    const collectivityId = managedCollectivities(me)[0];
    main.append(h('h1', {}, t('convention.titre')));
    const { data: conventions } = await api.get('/api/v1/conventions', { params: { collectivityId } });
    const items = conventions.items || conventions;
    main.append(h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-conventions' },
      h('h2', { id: 'titre-conventions' }, t('convention.mes-conventions')),
      items.length === 0 ? h('p', {}, t('tableau.conventions.aucune'))
        : table(t('convention.mes-conventions'), [t('conventions.type'), t('conventions.etat'), t('convention.signee'), t('conventions.fin')],
          items.map((c) => [t(`convention.type.${c.kind}`), badge(t(`convention.etat.${c.state}`), c.state === 'active' ? 'success' : 'info'),
            formatDate(c.signedOn), formatDate(c.currentPeriodEnd || c.terminatesOn)]))));
    const section = h('section', { 'aria-labelledby': 'titre-questionnaire' },
      h('h2', { id: 'titre-questionnaire' }, t('questionnaire.titre')), h('p', {}, t('questionnaire.intro')));
    main.append(section);
    await questionnaire(section, collectivityId);
  },
};

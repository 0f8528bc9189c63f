// The billing statement of the commune (annex 1 of the CARTES convention): the charged cards of a
// period, their total, the card readers allotted and delivered, and the same lines as a CSV file
// (the server writes it: Accept text/csv) to download.
import { api } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, showProblem, clearErrors, table, formValues, withProgress, button, withoutBlanks } from '../ui.js';
import { managedCollectivities } from '../roles.js';

function itemLabel(item) {
  const replacement = /^card-replacement:(.+)$/.exec(item || '');
  if (replacement) return t('facturation.article.carte', { motif: t(`commande.motif.${replacement[1]}`) });
  return item;
}

function euros(amount) {
  return `${String(amount).replace('.', ',')} €`;
}

function statementView(statement) {
  const lines = statement.lines || [];
  return h('div', { id: 'releve' },
    h('p', {}, t('facturation.periode', { du: statement.from, au: statement.to })),
    lines.length === 0 ? h('p', {}, t('facturation.aucune-ligne'))
      : table(t('facturation.lignes'), [t('facturation.date'), t('facturation.article'), t('facturation.commande'), t('facturation.montant')],
        lines.map((line) => [formatDateTime(line.occurredAt), itemLabel(line.item), line.orderId || '—', euros(line.amount)])),
    h('p', { class: 'fr-text--lead', id: 'total' }, t('facturation.total', { total: euros(statement.total) })),
    (statement.readers || []).length ? table(t('facturation.lecteurs'), [t('facturation.application'), t('facturation.lecteurs.alloues'),
      t('facturation.lecteurs.livres'), t('facturation.lecteurs.restants')],
    statement.readers.map((reader) => [t(`application.${reader.application}`), reader.allowed, reader.delivered, reader.remaining])) : null);
}

export default {
  title: 'facturation.titre',
  async render(main, { me }) {
    const collectivityId = managedCollectivities(me)[0];
    const path = `/api/v1/collectivities/${collectivityId}/billing`;
    main.append(h('h1', {}, t('facturation.titre')), h('p', {}, t('facturation.intro')));
    const result = h('section', { 'aria-labelledby': 'titre-releve', class: 'fr-mt-4w' });
    const form = h('form', { id: 'periode-facturation', novalidate: true, 'aria-labelledby': 'titre-periode' },
      h('h2', { id: 'titre-periode' }, t('facturation.choisir')),
      h('div', { class: 'fr-grid-row fr-grid-row--gutters' },
        h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'from', label: t('facturation.du'), type: 'date', hint: t('facturation.du.aide') })),
        h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'to', label: t('facturation.au'), type: 'date', hint: t('facturation.au.aide') }))),
      h('div', { class: 'cartes-actions' }, h('button', { class: 'fr-btn', type: 'submit' }, t('facturation.afficher'))));
    let shown = {};
    async function show(period) {
      const { data } = await withProgress(result, t('chargement'), () => api.get(path, { params: period }));
      shown = { from: data.from, to: data.to };
      const download = button(t('facturation.csv'), async (event) => {
        try {
          const { data: csv } = await withProgress(result, t('chargement'), () => api.get(path, { params: shown, accept: 'text/csv' }),
            event.currentTarget);
          const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })),
            download: `facturation-${shown.from}-${shown.to}.csv`, class: 'fr-hidden' });
          document.body.append(link);
          link.click();
          setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        } catch (problem) {
          showProblem(result, problem);
        }
      }, { secondary: true, name: 'telecharger-csv' });
      result.replaceChildren(h('h2', { id: 'titre-releve' }, t('facturation.releve')), statementView(data),
        h('div', { class: 'cartes-actions' }, download));
    }
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await show(withoutBlanks(formValues(form)));
        clearErrors(form);
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    main.append(form, result);
    await show({});
  },
};

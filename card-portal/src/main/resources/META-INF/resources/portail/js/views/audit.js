// The audit trail: search (newest first, paged) and the verification of the hash chain and of
// its signed checkpoints.
import { api } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, showProblem, clearErrors, table, button, formValues, withProgress } from '../ui.js';

const PAGE_SIZE = 50;

export default {
  title: 'audit.titre',
  async render(main) {
    main.append(h('h1', {}, t('audit.titre')));
    const verification = h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-verification' },
      h('h2', { id: 'titre-verification' }, t('audit.verification.titre')), h('p', {}, t('audit.verification.explication')));
    const verifyButton = button(t('audit.verification.bouton'), async () => {
      verification.querySelectorAll('[data-resultat]').forEach((node) => node.remove());
      try {
        const { data } = await withProgress(verification, t('audit.verification.en-cours'),
          () => api.get('/api/v1/audit/verification'), verifyButton);
        clearErrors(verification);
        verification.append(h('div', { 'data-resultat': '', class: `fr-alert fr-alert--${data.intact ? 'success' : 'error'} fr-mt-2w`, role: 'status' },
          h('h3', { class: 'fr-alert__title' }, data.intact ? t('audit.verification.intacte') : t('audit.verification.rompue')),
          h('p', {}, t('audit.verification.detail', { evenements: data.eventsChecked, points: data.checkpointsChecked })),
          data.intact ? null : h('p', {}, data.explanation || data.reason || '')));
      } catch (problem) {
        showProblem(verification, problem);
      }
    }, { name: 'verifier' });
    verification.append(verifyButton);
    main.append(verification);

    const form = h('form', { role: 'search', 'aria-label': t('audit.recherche'), id: 'recherche-audit', class: 'fr-mb-4w' },
      h('div', { class: 'fr-grid-row fr-grid-row--gutters' },
        h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'action', label: t('audit.action'), hint: t('audit.action.aide') })),
        h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'target', label: t('audit.cible'), hint: t('audit.cible.aide') })),
        h('div', { class: 'fr-col-12 fr-col-md-2' }, field({ name: 'from', label: t('audit.du'), type: 'date' })),
        h('div', { class: 'fr-col-12 fr-col-md-2' }, field({ name: 'to', label: t('audit.au'), type: 'date' }))),
      h('button', { class: 'fr-btn', type: 'submit' }, t('audit.rechercher')));
    const results = h('div', { id: 'resultats-audit' });
    main.append(h('section', { 'aria-labelledby': 'titre-recherche-audit' },
      h('h2', { id: 'titre-recherche-audit' }, t('audit.recherche')), form, results));
    let page = 0;
    async function load() {
      const values = formValues(form);
      try {
        const { data } = await withProgress(results, t('chargement'), () => api.get('/api/v1/audit/events', { params: {
          action: values.action, target: values.target, page, size: PAGE_SIZE,
          from: values.from ? new Date(`${values.from}T00:00:00`).toISOString() : undefined,
          to: values.to ? new Date(new Date(`${values.to}T00:00:00`).getTime() + 86400000).toISOString() : undefined,
        } }));
        clearErrors(form);
        const pages = Math.max(1, Math.ceil(data.total / data.size));
        results.replaceChildren(h('p', {}, t('audit.total', { total: data.total, page: page + 1, pages })),
          data.items.length ? table(t('audit.evenements'), [t('audit.date'), t('audit.acteur'), t('audit.action'), t('audit.cible')],
            data.items.map((event) => [formatDateTime(event.occurredAt), event.actor, h('code', {}, event.action), event.target])) : '',
          h('div', { class: 'cartes-actions' },
            page > 0 ? button(t('pagination.precedente'), () => { page -= 1; load(); }, { secondary: true }) : null,
            page + 1 < pages ? button(t('pagination.suivante'), () => { page += 1; load(); }, { secondary: true, name: 'suivante' }) : null));
      } catch (problem) {
        showProblem(form, problem);
      }
    }
    form.addEventListener('submit', (event) => { event.preventDefault(); page = 0; load(); });
    await load();
  },
};

// National administrators: the relying applications (COMEDEC, ACTES...) that ask this registration
// authority whether a card holder is habilitated.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, showProblem, table, badge, withProgress } from '../ui.js';

export default {
  title: 'applications.titre',
  async render(main) {
    main.append(h('h1', {}, t('applications.titre')), h('p', {}, t('applications.intro')));
    const results = h('div', { id: 'applications' });
    main.append(results);
    try {
      const { data } = await withProgress(results, t('chargement'), () => api.get('/api/v1/admin/relying-applications'));
      const items = data.items || data;
      results.append(items.length === 0 ? h('p', {}, t('applications.aucune'))
        : table(t('applications.liste'), [t('applications.nom'), t('applications.usages'), t('applications.etat'), t('applications.empreinte')],
          items.map((app) => [app.name, (app.applications || []).join(', '),
            badge(app.enabled === false || app.state === 'disabled' ? t('applications.desactivee') : t('applications.active'),
              app.enabled === false || app.state === 'disabled' ? 'warning' : 'success'),
            h('code', { class: 'cartes-pre' }, app.fingerprintSha256 || '—')])));
    } catch (problem) {
      showProblem(results, problem);
    }
  },
};

// What to do without a card or without a certificate: reachable by anyone, without a certificate.
import { t } from '../i18n.js';
import { h } from '../ui.js';

export default {
  title: 'aide.titre',
  async render(main) {
    main.append(h('h1', {}, t('aide.titre')), h('p', { class: 'fr-text--lead' }, t('aide.intro')));
    const cases = ['lecteur', 'navigateur', 'pas-de-carte', 'bloquee', 'perdue'];
    for (const name of cases) {
      main.append(h('section', { class: 'fr-mb-4w', 'aria-labelledby': `aide-${name}` },
        h('h2', { id: `aide-${name}` }, t(`aide.${name}.titre`)),
        h('p', {}, t(`aide.${name}.texte`))));
    }
    main.append(h('p', {}, h('a', { class: 'fr-link', href: '#/declarer-perte' }, t('aide.lien-perte'))),
      h('p', {}, h('a', { class: 'fr-link', href: '#/connexion' }, t('aide.lien-connexion'))));
  },
};

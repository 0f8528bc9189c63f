// The pages that only say something: not found, not allowed.
import { t } from '../i18n.js';
import { h } from '../ui.js';

export const notFound = {
  title: 'introuvable.titre',
  async render(main) {
    main.append(h('h1', {}, t('introuvable.titre')), h('p', {}, t('introuvable.texte')),
      h('p', {}, h('a', { class: 'fr-link', href: '#/' }, t('lien.accueil'))));
  },
};

export const forbidden = {
  title: 'interdit.titre',
  async render(main) {
    main.append(h('h1', {}, t('interdit.titre')), h('p', {}, t('interdit.texte')),
      h('p', {}, h('a', { class: 'fr-link', href: '#/' }, t('lien.accueil'))));
  },
};

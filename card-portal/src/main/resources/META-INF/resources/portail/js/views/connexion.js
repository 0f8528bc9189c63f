// Login: with the card (mutual TLS: the browser asks which certificate to present), or, on a demo
// server, as one of the demo users.
import { t } from '../i18n.js';
import { h, showProblem, withProgress } from '../ui.js';
import { loginWithCard, loginAsDemoUser, loginOptions } from '../session.js';

const ROLE_LABELS = {
  mayor: 'role.mayor', delegate: 'role.delegate', agent: 'role.agent', registration_officer: 'role.registration_officer',
  auditor: 'role.auditor', national_administrator: 'role.national_administrator',
};

export default {
  title: 'connexion.titre',
  async render(main, { query, loggedIn }) {
    main.append(h('h1', {}, t('connexion.titre')));
    if (query.has('expiree')) {
      main.append(h('div', { class: 'fr-alert fr-alert--info fr-alert--sm fr-mb-3w' }, h('p', {}, t('connexion.expiree'))));
    }
    if (query.has('deconnecte')) {
      main.append(h('div', { class: 'fr-alert fr-alert--success fr-alert--sm fr-mb-3w' }, h('p', {}, t('connexion.deconnecte'))));
    }
    const cardSection = h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'connexion-carte' },
      h('h2', { id: 'connexion-carte' }, t('connexion.carte.titre')),
      h('ol', {}, h('li', {}, t('connexion.carte.etape1')), h('li', {}, t('connexion.carte.etape2')),
        h('li', {}, t('connexion.carte.etape3'))));
    const cardButton = h('button', { class: 'fr-btn', type: 'button', id: 'connexion-avec-carte' }, t('connexion.carte.bouton'));
    cardButton.addEventListener('click', async () => {
      try {
        await withProgress(cardSection, t('connexion.en-cours'), () => loginWithCard(), cardButton);
        await loggedIn();
      } catch (problem) {
        if (problem.status === 401) {
          problem.errors = [];
          Object.defineProperty(problem, 'text', { value: t('connexion.carte.absente') });
        }
        showProblem(cardSection, problem);
      }
    });
    cardSection.append(h('div', { class: 'cartes-actions' }, cardButton,
      h('a', { class: 'fr-btn fr-btn--secondary', href: '#/aide' }, t('connexion.sans-carte'))));
    main.append(cardSection);

    let options = { demo: false, demoUsers: [] };
    try {
      options = await loginOptions();
    } catch (problem) {
      options = { demo: false, demoUsers: [] };
    }
    if (!options.demo) return;
    const form = h('form', { id: 'connexion-demo', novalidate: true });
    const fieldset = h('fieldset', { class: 'fr-fieldset', 'aria-labelledby': 'demo-legende' },
      h('legend', { class: 'fr-fieldset__legend', id: 'demo-legende' }, t('connexion.demo.legende')));
    options.demoUsers.forEach((user, index) => {
      const id = `demo-${user.user}`;
      fieldset.append(h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-radio-group' },
        h('input', { type: 'radio', id, name: 'user', value: user.user, checked: index === 0 }),
        h('label', { class: 'fr-label', for: id }, `${user.name} — ${t(ROLE_LABELS[user.role] || 'role.agent')}`,
          h('span', { class: 'fr-hint-text' }, t('connexion.demo.identifiant', { user: user.user }))))));
    });
    const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('connexion.demo.bouton'));
    form.append(fieldset, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const user = new FormData(form).get('user');
      try {
        await withProgress(form, t('connexion.en-cours'), () => loginAsDemoUser(user), submit);
        await loggedIn();
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    main.append(h('section', { 'aria-labelledby': 'connexion-demo-titre' },
      h('h2', { id: 'connexion-demo-titre' }, t('connexion.demo.titre')),
      h('p', {}, t('connexion.demo.explication')), form));
  },
};

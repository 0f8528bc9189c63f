// Declare a lost or stolen card without the card (issue 17), logged in or not: with the holder id or
// email and the revocation code received at the hand-over, the card is revoked at once
// (POST /api/v1/card-revocations); without the code, a one-time link goes to the registered email
// (POST /api/v1/card-revocation-requests), and following it (…/portail/revocation#jeton=…, which
// lands here) revokes the card after a confirmation. The server answers the same whether a holder
// exists or not: so does this page.
import { api } from '../api.js';
import { t, formatDateTime } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, formValues, withoutBlanks, withProgress, button } from '../ui.js';

function revokedList(answer) {
  const revoked = answer?.revoked || [];
  if (!revoked.length) return null;
  return h('ul', { id: 'cartes-revoquees' }, revoked.map((card) => h('li', {},
    t('perte.carte-revoquee', { numero: card.cardSerial, date: formatDateTime(card.revokedAt) }))));
}

function declarationForm(main) {
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('perte.bouton'));
  const reasons = h('fieldset', { class: 'fr-fieldset', 'aria-labelledby': 'perte-motif', 'data-field': 'reason' },
    h('legend', { class: 'fr-fieldset__legend', id: 'perte-motif' }, t('perte.motif')),
    ...['loss', 'theft'].map((reason, index) => h('div', { class: 'fr-fieldset__element' }, h('div', { class: 'fr-radio-group' },
      h('input', { type: 'radio', id: `motif-${reason}`, name: 'reason', value: reason, checked: index === 0 }),
      h('label', { class: 'fr-label', for: `motif-${reason}` }, t(`perte.motif.${reason}`))))));
  const form = h('form', { id: 'declarer-perte', novalidate: true },
    field({ name: 'holder', label: t('perte.porteur'), hint: t('perte.porteur.aide'), required: true, autocomplete: 'email' }),
    field({ name: 'code', label: t('perte.code'), hint: t('perte.code.aide'), autocomplete: 'off' }),
    reasons, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = withoutBlanks(formValues(form));
    if (!values.holder) {
      // The one field the page cannot send without (which of the two the server wants depends on it); the server checks the rest
      showProblem(form, { text: t('probleme.validation-failed'), errors: [{ field: 'holder', message: 'required' }] });
      return;
    }
    const holder = values.holder?.includes('@') ? { email: values.holder } : { holderId: values.holder };
    // The server names the fields of its answer: the page's one field stands for both of them
    const asHolderField = (problem) => {
      problem.errors = (problem.errors || []).map((error) => (['holderId', 'email'].includes(error.field) ? { ...error, field: 'holder' } : error));
      return problem;
    };
    try {
      if (values.code) {
        const { data } = await withProgress(form, t('perte.en-cours'),
          () => api.post('/api/v1/card-revocations', { ...holder, code: values.code, reason: values.reason }, { oneShot: true }), submit);
        form.replaceChildren();
        success(form, t('perte.faite'));
        const list = revokedList(data);
        if (list) form.append(list);
      } else {
        await withProgress(form, t('perte.en-cours'),
          () => api.post('/api/v1/card-revocation-requests', { ...holder, reason: values.reason }, { oneShot: true }), submit);
        form.replaceChildren();
        success(form, t('perte.lien-envoye'));
      }
      form.querySelector('.cartes-success').setAttribute('tabindex', '-1');
      form.querySelector('.cartes-success').focus();
    } catch (problem) {
      showProblem(form, asHolderField(problem));
    }
  });
  main.append(h('p', {}, t('formulaire.obligatoires')), form);
}

/** The page the emailed link opens: one click confirms (a link that opened the page alone revokes nothing). */
function linkConfirmation(main, token) {
  const box = h('div', { id: 'confirmer-lien' }, h('p', {}, t('perte.lien.explication')));
  const confirm = button(t('perte.lien.bouton'), async () => {
    try {
      const { data } = await withProgress(box, t('perte.en-cours'),
        () => api.post('/api/v1/card-revocations', { token }, { oneShot: true }), confirm);
      clearErrors(box);
      box.replaceChildren();
      const alert = success(box, t('perte.lien.fait'));
      alert.setAttribute('tabindex', '-1');
      const list = revokedList(data);
      if (list) box.append(list);
      alert.focus();
    } catch (problem) {
      showProblem(box, problem);
    }
  }, { name: 'confirmer-revocation' });
  box.append(h('div', { class: 'cartes-actions' }, confirm));
  main.append(box);
}

export default {
  title: 'perte.titre',
  async render(main, { query }) {
    main.append(h('h1', {}, t('perte.titre')), h('p', { class: 'fr-text--lead' }, t('perte.intro')));
    const token = query?.get('jeton');
    if (token) {
      // The token has served its purpose in the address: keep it out of the history and of later views
      window.history.replaceState(null, '', '#/declarer-perte');
      linkConfirmation(main, token);
    } else {
      declarationForm(main);
    }
  },
};

// Declare a lost or stolen card, with or without being logged in (no card needed): the holder id
// or email, the revocation code received with the card, the reason (POST /api/v1/card-revocations).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, formValues, withoutBlanks, withProgress } from '../ui.js';

export default {
  title: 'perte.titre',
  async render(main) {
    main.append(h('h1', {}, t('perte.titre')), h('p', { class: 'fr-text--lead' }, t('perte.intro')),
      h('p', {}, t('formulaire.obligatoires')));
    const idempotencyKey = api.newIdempotencyKey();
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
      const body = { reason: values.reason, code: values.code };
      if (values.holder?.includes('@')) body.email = values.holder;
      else body.holderId = values.holder;
      try {
        await withProgress(form, t('perte.en-cours'), () => api.post('/api/v1/card-revocations', withoutBlanks(body), { idempotencyKey }), submit);
        clearErrors(form);
        form.replaceChildren();
        success(form, t(values.code ? 'perte.faite' : 'perte.lien-envoye'));
      } catch (problem) {
        showProblem(form, problem);
      }
    });
    main.append(form);
  },
};

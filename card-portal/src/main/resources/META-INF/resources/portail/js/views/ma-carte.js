// My card: what the server knows of my cards (when the card API is there), and what only the card
// can do, through the workstation bridge: read it, change the PIN, unblock it. The PIN never goes
// to the server.
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, badge, formValues, withProgress, table } from '../ui.js';
import * as bridge from '../bridge.js';

function pinState(pin) {
  if (!pin) return '—';
  if (pin.blocked) return badge(t('carte.pin.bloque'), 'error');
  if (pin.triesLeft !== undefined && pin.triesLeft !== null) return badge(t('carte.pin.essais', { essais: pin.triesLeft }), pin.low ? 'warning' : 'success');
  return badge(pin.low ? t('carte.pin.faible') : t('carte.pin.ok'), pin.low ? 'warning' : 'success');
}

async function serverCards(section, me) {
  try {
    const { data } = await api.get(`/api/v1/people/${me.personId}/cards`);
    const cards = data.items || data;
    if (!cards.length) {
      section.append(h('p', {}, t('carte.serveur.aucune')));
      return;
    }
    section.append(table(t('carte.serveur.titre'), [t('carte.numero'), t('carte.etat'), t('carte.expiration')],
      cards.map((c) => [c.cardSerial || c.serial || c.id, t(`carte.etat.${c.state}`), formatDate(c.expiresOn || c.notAfter)])));
  } catch (problem) {
    section.append(h('p', {}, problem.status === 404 ? t('carte.serveur.indisponible') : problem.text));
  }
}

function pairingForm(container, onPaired) {
  const form = h('form', { id: 'appairage', novalidate: true },
    h('p', {}, t('pont.appairage.explication')),
    field({ name: 'code', label: t('pont.appairage.code'), hint: t('pont.appairage.code.aide'), required: true, autocomplete: 'off' }),
    field({ name: 'port', label: t('pont.appairage.port'), hint: t('pont.appairage.port.aide'), value: String(bridge.bridgePort()),
      inputmode: 'numeric' }),
    h('button', { class: 'fr-btn', type: 'submit' }, t('pont.appairage.bouton')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = formValues(form);
    try {
      await bridge.pair(values.code.toUpperCase(), Number(values.port) || undefined);
      onPaired();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  container.append(form);
}

function pinForm(container, refresh) {
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('carte.pin.changer'));
  const form = h('form', { id: 'changer-pin', novalidate: true, 'aria-labelledby': 'titre-changer-pin' },
    h('h3', { id: 'titre-changer-pin' }, t('carte.pin.changer')),
    h('p', {}, t('carte.pin.regles')),
    field({ name: 'currentPin', label: t('carte.pin.actuel'), type: 'password', required: true, autocomplete: 'off', inputmode: 'numeric' }),
    field({ name: 'newPin', label: t('carte.pin.nouveau'), type: 'password', required: true, autocomplete: 'off', inputmode: 'numeric' }),
    field({ name: 'confirmation', label: t('carte.pin.confirmation'), type: 'password', required: true, autocomplete: 'off', inputmode: 'numeric' }),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = formValues(form);
    form.querySelectorAll('input[type="password"]').forEach((input) => { input.value = ''; });
    if (values.newPin !== values.confirmation) {
      showProblem(form, { text: t('carte.pin.differents'), errors: [{ field: 'confirmation', message: t('carte.pin.differents') }] });
      return;
    }
    try {
      await withProgress(form, t('carte.pin.en-cours'), () => bridge.changePin(values.currentPin, values.newPin), submit);
      clearErrors(form);
      success(form, t('carte.pin.change'));
      refresh();
    } catch (problem) {
      if (problem.kind === 'pin-policy') problem.errors = [{ field: 'newPin', message: problem.text }];
      if (problem.kind === 'wrong-pin') problem.errors = [{ field: 'currentPin', message: problem.text }];
      showProblem(form, problem);
    }
  });
  container.append(form);
}

async function renderCard(container) {
  container.replaceChildren();
  try {
    const info = await withProgress(container, t('pont.lecture'), () => bridge.card());
    const certificates = info.certificates || {};
    container.append(h('dl', { id: 'carte-lue' },
      h('dt', {}, t('carte.numero')), h('dd', {}, info.serialNumber || '—'),
      h('dt', {}, t('carte.lecteur')), h('dd', {}, info.reader || info.tokenLabel || '—'),
      h('dt', {}, t('carte.pin')), h('dd', {}, pinState(info.pin)),
      ...['authentication', 'signature'].flatMap((role) => [h('dt', {}, t(`carte.certificat.${role}`)),
        h('dd', {}, certificates[role] ? t('carte.certificat.valide-jusqu', { date: formatDate(certificates[role].notAfter) })
          : t('carte.certificat.absent'))])));
    if (!info.pin?.blocked) pinForm(container, () => {});
    else container.append(h('p', {}, t('carte.pin.bloque.aide')));
  } catch (problem) {
    showProblem(container, problem);
    if (problem.kind === 'unauthorized') pairingForm(container, () => renderCard(container));
  }
}

export default {
  title: 'carte.titre',
  async render(main, { me }) {
    main.append(h('h1', {}, t('carte.titre')));
    const onServer = h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-cartes-serveur' },
      h('h2', { id: 'titre-cartes-serveur' }, t('carte.serveur.titre')));
    main.append(onServer);
    if (me.personId) await serverCards(onServer, me);
    const onCard = h('section', { 'aria-labelledby': 'titre-carte-lecteur' },
      h('h2', { id: 'titre-carte-lecteur' }, t('carte.lecteur.titre')), h('p', {}, t('carte.lecteur.explication')));
    const content = h('div', { id: 'pont' });
    onCard.append(content);
    main.append(onCard);
    try {
      await bridge.status();
    } catch (problem) {
      // Perhaps on another port than the default: the pairing form lets the person say which
      showProblem(content, problem);
      pairingForm(content, () => renderCard(content));
      return;
    }
    if (!bridge.isPaired()) {
      pairingForm(content, () => renderCard(content));
      return;
    }
    await renderCard(content);
  },
};

// My card: what the server knows of my cards, and what only the card can do, through the
// workstation bridge: read it, change the PIN, unblock it with the code mailed to the holder. The
// PIN never goes to the server.
import { api } from '../api.js';
import { t, formatDate, formatDateTime } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, badge, formValues, withProgress, table } from '../ui.js';
import * as bridge from '../bridge.js';
import { pairingForm, withBridge } from '../pairing.js';

function pinState(pin) {
  if (!pin) return '—';
  if (pin.blocked) return badge(t('carte.pin.bloque'), 'error');
  if (pin.triesLeft !== undefined && pin.triesLeft !== null) return badge(t('carte.pin.essais', { essais: pin.triesLeft }), pin.low ? 'warning' : 'success');
  return badge(pin.low ? t('carte.pin.faible') : t('carte.pin.ok'), pin.low ? 'warning' : 'success');
}

/** The holder's cards on record (newest first); returns them for the operations on the card in the reader. */
async function serverCards(section, me) {
  try {
    const { data } = await api.get(`/api/v1/people/${me.personId}/cards`);
    const cards = data.items || data;
    if (!cards.length) {
      section.append(h('p', {}, t('carte.serveur.aucune')));
      return [];
    }
    section.append(table(t('carte.serveur.titre'), [t('carte.numero'), t('carte.etat'), t('carte.certificats'), t('carte.expiration')],
      cards.map((c) => [c.cardSerial, badge(t(`carte.etat.${c.state}`), c.state === 'revoked' || c.state === 'expired' ? 'error' : 'info'),
        h('span', {}, `${t('carte.certificat.authentication')} : ${c.authenticationSerial}`, h('br'),
          `${t('carte.certificat.signature')} : ${c.signatureSerial}`),
        formatDate(c.expiresAt)])));
    return cards;
  } catch (problem) {
    section.append(h('p', {}, problem.status === 404 ? t('carte.serveur.indisponible') : problem.text));
    return [];
  }
}

/**
 * Unblocking a blocked PIN (Art. V): a one-time code goes to the holder's registered email; with it
 * the server gives this card's PUK (it checks the code, the card serial, and counts wrong codes),
 * which goes straight to the bridge with the new PIN. Neither is kept by the page.
 */
function unblockForms(container, card, refresh) {
  const section = h('section', { id: 'deblocage', 'aria-labelledby': 'titre-deblocage' },
    h('h3', { id: 'titre-deblocage' }, t('carte.deblocage.titre')), h('p', {}, t('carte.deblocage.explication')));
  const ask = h('button', { class: 'fr-btn fr-btn--secondary', type: 'button', name: 'demander-code' }, t('carte.deblocage.demander'));
  ask.addEventListener('click', async () => {
    try {
      const { data } = await withProgress(section, t('enregistrement'), () => api.post(`/api/v1/cards/${card.id}/unblock-requests`), ask);
      clearErrors(section);
      success(section, t('carte.deblocage.envoye', { heure: formatDateTime(data.expiresAt) }));
    } catch (problem) {
      showProblem(section, problem);
    }
  });
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('carte.deblocage.bouton'));
  const form = h('form', { id: 'debloquer', novalidate: true, 'aria-labelledby': 'titre-debloquer' },
    h('h4', { id: 'titre-debloquer' }, t('carte.deblocage.saisir')),
    field({ name: 'code', label: t('carte.deblocage.code'), hint: t('carte.deblocage.code.aide'), required: true, autocomplete: 'one-time-code',
      inputmode: 'numeric' }),
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
      await withProgress(form, t('carte.deblocage.en-cours'), async () => {
        const { data } = await api.post(`/api/v1/cards/${card.id}/unblock`, { code: values.code, cardSerial: card.cardSerial }, { oneShot: true });
        await bridge.unblockPin(data.puk, values.newPin);
        // The server learns the card works again (its "blocked" mark on the dashboards); if this report is
        // lost, the next login with the card tells it too
        await api.post(`/api/v1/cards/${card.id}/unblock/completion`, undefined, { oneShot: true }).catch(() => {});
      }, submit);
      // The card read again shows its PIN unblocked; the message stays above it
      await refresh();
      const done = success(container, t('carte.deblocage.fait'));
      done.setAttribute('tabindex', '-1');
      done.focus();
    } catch (problem) {
      if (problem.kind === 'pin-policy') problem.errors = [{ field: 'newPin', message: problem.text }];
      showProblem(form, problem);
    }
  });
  section.append(h('div', { class: 'cartes-actions fr-mb-3w' }, ask), form);
  container.append(section);
}

/**
 * Renewal of the certificates on the same card (3-year certificates on a 6-year card): the bridge
 * makes two new key pairs on the card and their requests, the server certifies them (it alone decides
 * whether the renewal window is open, and says so in French), and the bridge writes the certificates
 * and only then retires the old keys. The PIN goes to the card only.
 */
/**
 * Whether the server's renewal window is open for the card: from its `renewableFrom` (90 days before
 * the certificates end). Without that date (a server that does not give it, or a card whose renewal
 * it does not foresee), the form is offered and the server's answer says why it refuses.
 */
function renewalOpen(card) {
  return !card.renewableFrom || new Date(card.renewableFrom).getTime() <= Date.now();
}

/** Before the window opens: the date from which the holder can renew, instead of a button the server would refuse. */
function renewalNotYet(container, card) {
  container.append(h('section', { id: 'renouvellement-a-venir', 'aria-labelledby': 'titre-renouvellement-a-venir' },
    h('h3', { id: 'titre-renouvellement-a-venir' }, t('carte.renouvellement.titre')),
    h('p', {}, t('carte.renouvellement.a-partir-du', { date: formatDate(card.renewableFrom) })),
    card.authenticationNotAfter
      ? h('p', {}, t('carte.renouvellement.fin-certificats', { date: formatDate(card.authenticationNotAfter) })) : null));
}

function renewalForm(container, card, refresh) {
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('carte.renouvellement.bouton'));
  const form = h('form', { id: 'renouveler', novalidate: true, 'aria-labelledby': 'titre-renouveler' },
    h('h3', { id: 'titre-renouveler' }, t('carte.renouvellement.titre')),
    h('p', {}, t('carte.renouvellement.explication')),
    field({ name: 'pin', label: t('carte.renouvellement.pin'), type: 'password', required: true, autocomplete: 'off', inputmode: 'numeric' }),
    submit);
  // The server's certificates not written yet (card pulled out, bridge stopped): a new attempt writes
  // them next to the keys they certify, and never makes new keys, which the server would not certify again.
  let issued = null;
  // The renewal sent but its answer not received (connection cut, server unreachable): sent again exactly as it was,
  // the same requests under the same Idempotency-Key, so that the server answers with the certificates it already
  // issued (the card's superseded certificate may replay that renewal for 24 hours) instead of new keys it would refuse.
  let sent = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { pin } = formValues(form);
    form.querySelectorAll('input[type="password"]').forEach((input) => { input.value = ''; });
    try {
      await withProgress(form, t('carte.renouvellement.en-cours'), async () => {
        if (!issued) {
          if (!sent) {
            const requests = await bridge.renewalRequests(pin);
            sent = { key: api.newIdempotencyKey(),
              body: { authenticationCsr: requests.authenticationCsr, signatureCsr: requests.signatureCsr } };
          }
          issued = await postRenewal(card.id, sent);
          sent = null;
        }
        await bridge.writeRenewedCertificates(pin, issued.authenticationCertificatePem, issued.signatureCertificatePem);
        issued = null;
      }, submit);
      await refresh();
      const done = success(container, t('carte.renouvellement.fait'));
      done.setAttribute('tabindex', '-1');
      done.focus();
    } catch (problem) {
      if (sent?.refused) sent = null;
      if (problem.kind === 'wrong-pin') problem.errors = [{ field: 'pin', message: problem.text }];
      showProblem(form, problem);
      form.querySelector('#renouvellement-a-ecrire')?.remove();
      if (issued) form.append(h('p', { class: 'fr-mt-2w', id: 'renouvellement-a-ecrire' }, t('carte.renouvellement.a-ecrire')));
    }
  });
  container.append(form);
}

/** The renewal request, sent a second time at once when its answer is lost; a refusal by the server ends that renewal. */
async function postRenewal(cardId, sent) {
  const post = () => api.post(`/api/v1/cards/${cardId}/renewal`, sent.body, { idempotencyKey: sent.key });
  try {
    return (await post().catch((lost) => { if (lost.status === 0) return post(); throw lost; })).data;
  } catch (problem) {
    if (problem.status >= 400 && problem.status < 500) sent.refused = true;
    throw problem;
  }
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

async function renderCard(container, cards, reloadCards) {
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
    const onRecord = cards.find((card) => card.cardSerial?.toUpperCase() === info.serialNumber?.toUpperCase());
    if (!info.pin?.blocked) pinForm(container, () => {});
    if (!info.pin?.blocked && onRecord && ['delivered', 'active'].includes(onRecord.state) && certificates.authentication) {
      // After a renewal the server's record moves (new certificates, a later renewableFrom): read it again
      if (renewalOpen(onRecord)) renewalForm(container, onRecord, async () => renderCard(container, await reloadCards(), reloadCards));
      else renewalNotYet(container, onRecord);
    }
    if (info.pin?.blocked) container.append(h('p', {}, t('carte.pin.bloque.aide')));
    if (info.pin?.blocked && onRecord) unblockForms(container, onRecord, () => renderCard(container, cards, reloadCards));
    else if (info.pin?.blocked) container.append(h('p', {}, t('carte.deblocage.inconnue')));
  } catch (problem) {
    showProblem(container, problem);
    if (problem.kind === 'unauthorized') pairingForm(container, () => renderCard(container, cards, reloadCards));
  }
}

export default {
  title: 'carte.titre',
  async render(main, { me }) {
    main.append(h('h1', {}, t('carte.titre')));
    const onServer = h('section', { class: 'fr-mb-6w', 'aria-labelledby': 'titre-cartes-serveur' },
      h('h2', { id: 'titre-cartes-serveur' }, t('carte.serveur.titre')));
    main.append(onServer);
    const reloadCards = async () => {
      if (!me.personId) return [];
      onServer.replaceChildren(h('h2', { id: 'titre-cartes-serveur' }, t('carte.serveur.titre')));
      return serverCards(onServer, me);
    };
    const cards = await reloadCards();
    const onCard = h('section', { 'aria-labelledby': 'titre-carte-lecteur' },
      h('h2', { id: 'titre-carte-lecteur' }, t('carte.lecteur.titre')), h('p', {}, t('carte.lecteur.explication')));
    const content = h('div', { id: 'pont' });
    onCard.append(content);
    main.append(onCard);
    await withBridge(content, () => renderCard(content, cards, reloadCards));
  },
};

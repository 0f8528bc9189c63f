// The hand-over desk. For the registration officer: the communes the office serves, the card orders
// to approve, the approved orders whose card is personalized here (through the workstation bridge,
// with the officer's own certificate), and the face-to-face hand-over. For a mayor or a delegate
// (Art. III, VI): the hand-over of their agents' cards only, while their trust roles are not
// suspended; the cards of the mayor and the delegates go through the office. The hand-over itself:
// identity document and its machine readable zone, its copy, the terms of use, the receipt signed
// by the new card, then the holder's revocation code shown once and the receipt to print. The
// server checks every rule (who may hand over which card, the document, its MRZ, the signer of the
// receipt) and says why it refuses.
import { api } from '../api.js';
import { t, formatDate, formatDateTime } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, table, button, badge, formValues, withProgress } from '../ui.js';
import { rolesOf, managedCollectivities } from '../roles.js';
import * as bridge from '../bridge.js';
import { withBridge } from '../pairing.js';
import { REASONS } from './commandes.js';

const DOCUMENT_KINDS = ['cni', 'passport', 'titre_de_sejour'];

function personName(person) {
  return person ? `${person.givenNames} ${person.usualName || person.birthName}` : '—';
}

/** The people the rows name, read once each. */
async function namesOf(personIds) {
  const names = new Map();
  await Promise.all([...new Set(personIds)].map(async (id) => {
    const person = (await api.get(`/api/v1/people/${id}`).catch(() => ({ data: null }))).data;
    names.set(id, person);
  }));
  return names;
}

async function allOf(communes, path, state) {
  const pages = await Promise.all(communes.map((commune) => api.get(`/api/v1/collectivities/${commune.id}/${path}`,
    { params: { state, size: 100 } }).then((r) => (r.data.items || []).map((item) => ({ ...item, commune })))));
  return pages.flat();
}

function base64OfText(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return btoa(binary);
}

function base64OfFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function section(id, title) {
  return h('section', { class: 'fr-mb-6w', 'aria-labelledby': id }, h('h2', { id }, title));
}

/**
 * The office orders the cards the commune may not order itself (Art. III): its mayor's and its
 * delegates' (their first cards too), and every card while its trust roles are suspended. The
 * people offered: the commune's agents, its mayor and its delegates; the server decides who may
 * order what.
 */
async function orderForm(container, communes, reload) {
  if (!communes.length) return;
  const peopleField = h('div', {});
  async function loadPeople(collectivityId) {
    const [{ data: agents }, { data: status }] = await Promise.all([
      api.get(`/api/v1/collectivities/${collectivityId}/people`, { params: { status: 'active', limit: 100 } }),
      api.get(`/api/v1/collectivities/${collectivityId}/directory-status`)]);
    const managers = [status.mayor, ...(status.delegates || [])].filter(Boolean);
    const names = await namesOf(managers.map((role) => role.personId));
    const options = [...managers.map((role) => [role.personId, `${personName(names.get(role.personId))} (${t(`role.${role.role}`)})`]),
      ...agents.items.filter((p) => !names.has(p.id)).map((p) => [p.id, personName(p)])];
    peopleField.replaceChildren(field({ name: 'personId', label: t('habilitations.personne'), required: true, options }));
  }
  const communeField = field({ name: 'collectivityId', label: t('guichet.commune'), required: true,
    options: communes.map((commune) => [commune.id, commune.name]) });
  communeField.querySelector('select').addEventListener('change', (event) => loadPeople(event.target.value));
  await loadPeople(communes[0].id);
  const idempotencyKey = { value: api.newIdempotencyKey() };
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('commandes.commander'));
  const form = h('form', { id: 'commander-guichet', novalidate: true, 'aria-labelledby': 'titre-commander-guichet' },
    h('p', {}, t('guichet.commander.explication')),
    communeField, peopleField,
    field({ name: 'reason', label: t('commandes.motif'), required: true, options: REASONS.map((r) => [r, t(`commande.motif.${r}`)]) }),
    field({ name: 'cardProfile', label: t('commandes.profil'), options: [['standard', t('commande.profil.standard')], ['a05', t('commande.profil.a05')]] }),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { collectivityId, ...order } = formValues(form);
    try {
      await withProgress(form, t('enregistrement'),
        () => api.post(`/api/v1/collectivities/${collectivityId}/card-orders`, order, { idempotencyKey: idempotencyKey.value }), submit);
      idempotencyKey.value = api.newIdempotencyKey();
      await reload(t('guichet.commande.passee'));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  container.append(form);
}

function ordersToApprove(container, orders, names, reload) {
  if (!orders.length) {
    container.append(h('p', {}, t('guichet.approuver.aucune')));
    return;
  }
  container.append(table(t('guichet.approuver.titre'), [t('guichet.commune'), t('guichet.titulaire'), t('commandes.motif'),
    t('guichet.passee-le'), t('guichet.frais'), t('guichet.action')],
  orders.map((order) => [order.commune.name, personName(names.get(order.personId)), t(`commande.motif.${order.reason}`),
    formatDateTime(order.orderedAt), order.freeOfCharge ? t('guichet.sans-frais') : `${(order.feeCentsExclTax / 100).toFixed(2).replace('.', ',')} € HT`,
    button(t('commandes.approuver-bouton'), async (event) => {
      try {
        await withProgress(container, t('enregistrement'), () => api.post(`/api/v1/card-orders/${order.id}/transitions`,
          { action: 'approve' }, { ifMatch: `"${order.version}"` }), event.currentTarget);
        await reload(t('commandes.approve-fait'));
      } catch (problem) {
        showProblem(container, problem);
      }
    }, { name: `approuver-${order.id}` })])));
}

/**
 * The bridge's problems after which the card may be half-way: keys made but no certificate (card
 * pulled out, the server's answer lost), or certificates written but the batch's transport unblock
 * secret not replaced. Starting again would make new keys; resuming keeps the card's keys, gets the
 * same certificates again (the server replays its answer) and finishes with the card's PUK. A card the
 * bridge finds not blank on a fresh start (card-not-blank) is such a card too.
 */
const HALF_WAY = new Set(['unblock-secret-not-replaced', 'card-removed', 'registration-authority', 'card-not-blank']);

function personalizationForm(container, orders, names, reload) {
  if (!orders.length) {
    container.append(h('p', {}, t('guichet.personnaliser.aucune')));
    return;
  }
  const submit = h('button', { class: 'fr-btn', type: 'submit', name: 'personnaliser' }, t('guichet.personnaliser.bouton'));
  const resume = h('button', { class: 'fr-btn fr-btn--secondary', type: 'submit', name: 'reprendre', hidden: true },
    t('guichet.personnaliser.reprendre'));
  const form = h('form', { id: 'personnaliser', novalidate: true, 'aria-labelledby': 'titre-personnaliser-form' },
    h('h3', { id: 'titre-personnaliser-form' }, t('guichet.personnaliser.form')),
    h('p', {}, t('guichet.personnaliser.explication')),
    field({ name: 'orderId', label: t('guichet.commande'), required: true,
      options: orders.map((order) => [order.id, `${personName(names.get(order.personId))} — ${order.commune.name}`]) }),
    field({ name: 'pin', label: t('guichet.pin-carte'), hint: t('guichet.pin-carte.aide'), type: 'password', required: true,
      autocomplete: 'off', inputmode: 'numeric' }),
    h('div', { class: 'cartes-actions' }, submit, resume));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const resuming = event.submitter === resume;
    const values = formValues(form);
    form.querySelector('input[type="password"]').value = '';
    try {
      await withProgress(form, t('guichet.personnaliser.en-cours'),
        () => bridge.personalize(values.pin, values.orderId, { resume: resuming }), resuming ? resume : submit);
      await reload(t('guichet.personnaliser.fait'));
    } catch (problem) {
      if (problem.kind === 'wrong-pin') problem.errors = [{ field: 'pin', message: problem.text }];
      // Offered after a half-way problem and kept after a refusal of the resume itself (wrong PIN, no
      // card): the card is as half-way as it was. Withdrawn when the card has no keys to resume from.
      if (HALF_WAY.has(problem.kind)) resume.hidden = false;
      if (problem.kind === 'key-not-found') resume.hidden = true;
      showProblem(form, problem);
    }
  });
  const place = h('div', {});
  container.append(place);
  withBridge(place, () => place.replaceChildren(form));
}

/** What the holder keeps: the receipt they signed and, once, their revocation code. */
function receiptToPrint(container, card, holder, receipt, answer) {
  const code = answer.revocationCode;
  container.replaceChildren(h('div', { id: 'recepisse', class: 'cartes-recepisse' },
    h('h2', { id: 'titre-recepisse', tabindex: '-1' }, t('guichet.remise.faite')),
    h('p', {}, t('guichet.remise.faite.texte', { nom: personName(holder), date: formatDateTime(answer.deliveredAt) })),
    code ? h('div', { class: 'fr-callout fr-mb-3w', id: 'code-revocation' },
      h('h3', { class: 'fr-callout__title' }, t('guichet.code.titre')),
      h('p', { class: 'fr-callout__text' }, t('guichet.code.texte')),
      h('p', { class: 'fr-text--lead cartes-code', 'data-code': '' }, code))
      : h('div', { class: 'fr-alert fr-alert--warning fr-mb-3w', id: 'code-revocation' },
        h('p', {}, t('guichet.code.absent'))),
    h('h3', {}, t('guichet.recepisse.titre')),
    // The server's printable copy: the signed text, then the code and how to use it
    h('pre', { class: 'cartes-pre', id: 'texte-recepisse' }, answer.printableReceipt || receipt),
    h('p', {}, t('guichet.recepisse.carte', { numero: card.cardSerial })),
    h('div', { class: 'cartes-actions cartes-no-print' }, button(t('guichet.imprimer'), () => window.print(), { name: 'imprimer' }))));
  container.querySelector('#titre-recepisse').focus();
}

async function handOverForm(container, card, holder, onDelivered) {
  const { data: terms } = await api.get('/api/v1/terms-of-use');
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('guichet.remise.bouton'));
  const form = h('form', { id: 'remise', novalidate: true, 'aria-labelledby': 'titre-remise' },
    h('h3', { id: 'titre-remise' }, t('guichet.remise.de', { nom: personName(holder), numero: card.cardSerial })),
    h('p', {}, t('formulaire.obligatoires')),
    h('fieldset', { class: 'fr-fieldset', 'aria-labelledby': 'legende-piece' },
      h('legend', { class: 'fr-fieldset__legend', id: 'legende-piece' }, t('guichet.piece')),
      h('div', { class: 'fr-fieldset__element' },
        field({ name: 'identityDocument.kind', label: t('guichet.piece.type'), required: true,
          options: DOCUMENT_KINDS.map((kind) => [kind, t(`piece.${kind}`)]) })),
      h('div', { class: 'fr-fieldset__element' },
        field({ name: 'identityDocument.number', label: t('guichet.piece.numero'), required: true, autocomplete: 'off' })),
      h('div', { class: 'fr-fieldset__element' },
        field({ name: 'identityDocument.expiresOn', label: t('guichet.piece.expiration'), type: 'date', required: true })),
      h('div', { class: 'fr-fieldset__element' },
        field({ name: 'identityDocument.mrz', label: t('guichet.piece.mrz'), hint: t('guichet.piece.mrz.aide'), type: 'textarea',
          required: true })),
      h('div', { class: 'fr-fieldset__element' },
        field({ name: 'documentCopy', label: t('guichet.piece.copie'), hint: t('guichet.piece.copie.aide'), type: 'file', required: true }))),
    h('fieldset', { class: 'fr-fieldset', 'aria-labelledby': 'legende-cgu' },
      h('legend', { class: 'fr-fieldset__legend', id: 'legende-cgu' }, t('guichet.cgu', { version: terms.version })),
      h('div', { class: 'fr-fieldset__element' },
        h('pre', { class: 'cartes-pre cartes-cgu', tabindex: '0', 'aria-label': t('guichet.cgu.texte') }, terms.text)),
      h('div', { class: 'fr-fieldset__element', 'data-field': 'termsVersion' },
        h('div', { class: 'fr-checkbox-group' },
          h('input', { type: 'checkbox', id: 'cgu-acceptees', name: 'termsVersion', value: terms.version, required: true,
            'aria-describedby': 'cgu-acceptees-erreur' }),
          h('label', { class: 'fr-label', for: 'cgu-acceptees' }, t('guichet.cgu.acceptees'))),
        h('p', { class: 'fr-error-text fr-hidden', id: 'cgu-acceptees-erreur' }))),
    h('fieldset', { class: 'fr-fieldset', 'aria-labelledby': 'legende-signature' },
      h('legend', { class: 'fr-fieldset__legend', id: 'legende-signature' }, t('guichet.signature')),
      h('div', { class: 'fr-fieldset__element' }, h('p', {}, t('guichet.signature.explication'))),
      h('div', { class: 'fr-fieldset__element' },
        field({ name: 'pin', label: t('guichet.signature.pin'), type: 'password', required: true, autocomplete: 'off', inputmode: 'numeric' }))),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = formValues(form);
    form.querySelector('input[name="pin"]').value = '';
    const file = form.querySelector('input[type="file"]').files[0];
    const missing = [];
    if (!values.termsVersion) missing.push({ field: 'termsVersion', message: t('guichet.cgu.requises') });
    if (!file) missing.push({ field: 'documentCopy', message: 'required' });
    if (!values.pin) missing.push({ field: 'pin', message: 'required' });
    if (missing.length) {
      // Only what the page needs to go on (the card's signature, a file to send): the server checks the rest
      showProblem(form, { text: t('probleme.validation-failed'), errors: missing });
      return;
    }
    try {
      const answer = await withProgress(form, t('guichet.remise.en-cours'), async () => {
        const { data: receipt } = await api.get(`/api/v1/cards/${card.id}/hand-over-receipt`, { accept: 'text/plain' });
        const signed = await bridge.signCms(values.pin, base64OfText(receipt));
        const body = {
          identityDocument: { kind: values['identityDocument.kind'], number: values['identityDocument.number'],
            expiresOn: values['identityDocument.expiresOn'] || null, mrz: values['identityDocument.mrz'] },
          documentCopy: await base64OfFile(file),
          termsVersion: values.termsVersion,
          receiptSignature: signed.signatureBase64,
        };
        // A new key per attempt: a corrected document is a new request (a delivered card refuses a second one)
        const { data } = await api.post(`/api/v1/cards/${card.id}/hand-over`, body);
        return { data, receipt };
      }, submit);
      clearErrors(form);
      receiptToPrint(container, card, holder, answer.receipt, answer.data);
      onDelivered();
    } catch (problem) {
      if (problem.kind === 'wrong-pin') problem.errors = [{ field: 'pin', message: problem.text }];
      showProblem(form, problem);
    }
  });
  container.replaceChildren(form);
}

function handOverDesk(container, cards, names) {
  if (!cards.length) {
    container.append(h('p', {}, t('guichet.remise.aucune')));
    return;
  }
  const desk = h('div', { id: 'guichet-remise' });
  container.append(table(t('guichet.remise.liste'), [t('guichet.commune'), t('guichet.titulaire'), t('carte.numero'),
    t('guichet.personnalisee-le'), t('guichet.action')],
  cards.map((card) => [card.commune.name, personName(names.get(card.personId)), card.cardSerial, formatDate(card.personalizedAt),
    button(t('guichet.remise.ouvrir'), async (event) => {
      const row = event.currentTarget.closest('tr');
      try {
        const place = h('div', {});
        desk.replaceChildren(place);
        // Once handed over, the card leaves the list of those to hand over
        await withBridge(place, () => handOverForm(place, card, names.get(card.personId), () => row.remove()));
        desk.querySelector('h3, form')?.scrollIntoView?.();
      } catch (problem) {
        showProblem(desk, problem);
      }
    }, { name: `remettre-${card.id}` })])), desk);
}

/** Whether this person works the desk as the registration office (else as a mayor or delegate). */
function isOffice(me) {
  return rolesOf(me).has('registration_officer');
}

async function officeDesk(content, load) {
  const { data } = await api.get('/api/v1/collectivities', { params: { size: 100 } });
  const communes = data.items || [];
  const [requested, approved, personalized] = await Promise.all([allOf(communes, 'card-orders', 'requested'),
    allOf(communes, 'card-orders', 'approved'), allOf(communes, 'cards', 'personalized')]);
  const names = await namesOf([...requested, ...approved, ...personalized].map((item) => item.personId));
  const communesSection = section('titre-communes', t('guichet.communes'));
  communesSection.append(communes.length === 0 ? h('p', {}, t('guichet.communes.aucune'))
    : table(t('guichet.communes.liste'), [t('guichet.commune'), t('guichet.insee'), t('guichet.siren'), t('guichet.confiance')],
      communes.map((commune) => [commune.name, commune.inseeCode || '—', commune.siren || '—',
        commune.trustSuspended ? badge(t('guichet.confiance.suspendue'), 'warning') : badge(t('guichet.confiance.ok'), 'success')])));
  const order = section('titre-commander-guichet', t('guichet.commander.titre'));
  await orderForm(order, communes, load);
  const approve = section('titre-approuver', t('guichet.approuver.titre'));
  ordersToApprove(approve, requested, names, load);
  const personalize = section('titre-personnaliser', t('guichet.personnaliser.titre'));
  personalizationForm(personalize, approved, names, load);
  const handOver = section('titre-remise-liste', t('guichet.remise.titre'));
  handOverDesk(handOver, personalized, names);
  content.replaceChildren(communesSection, order, approve, personalize, handOver);
}

/**
 * The desk of a mayor or delegate: the personalized cards of their communes' agents. A commune
 * whose trust roles are suspended is named, with who hands its cards over instead (the server
 * says so through the caller's permissions there); the cards of its mayor and delegates are left
 * out, as the server would refuse them.
 */
async function communeDesk(content, me) {
  const communes = await Promise.all(managedCollectivities(me).map(async (id) => {
    const [{ data: commune }, { data: permissions }, { data: status }] = await Promise.all([
      api.get(`/api/v1/collectivities/${id}`), api.get(`/api/v1/collectivities/${id}/permissions`),
      api.get(`/api/v1/collectivities/${id}/directory-status`)]);
    const trustRoles = new Set([status.mayor, ...(status.delegates || [])].filter(Boolean).map((role) => role.personId));
    return { ...commune, mayHandOver: permissions.permissions.includes('hand_over_cards'), trustRoles };
  }));
  const open = communes.filter((commune) => commune.mayHandOver);
  const suspended = communes.filter((commune) => !commune.mayHandOver);
  const personalized = (await allOf(open, 'cards', 'personalized')).filter((card) => !card.commune.trustRoles.has(card.personId));
  const names = await namesOf(personalized.map((card) => card.personId));
  const handOver = section('titre-remise-liste', t('guichet.remise.titre'));
  handOver.append(h('p', {}, t('guichet.commune.regle')));
  suspended.forEach((commune) => handOver.append(h('div', { class: 'fr-alert fr-alert--warning fr-mb-3w', 'data-suspendue': commune.id },
    h('p', {}, t('guichet.commune.suspendue', { commune: commune.name })))));
  if (open.length) handOverDesk(handOver, personalized, names);
  content.replaceChildren(handOver);
}

export default {
  title: ({ me }) => (isOffice(me) ? 'guichet.titre' : 'guichet.titre.commune'),
  async render(main, { me }) {
    const office = isOffice(me);
    main.append(h('h1', {}, t(office ? 'guichet.titre' : 'guichet.titre.commune')),
      h('p', { class: 'fr-text--lead' }, t(office ? 'guichet.intro' : 'guichet.intro.commune')));
    const content = h('div', {});
    main.append(content);
    async function load(done) {
      if (office) await officeDesk(content, load);
      else await communeDesk(content, me);
      if (done) {
        const alert = success(content, done);
        alert.setAttribute('tabindex', '-1');
        alert.focus();
      }
    }
    await load();
  },
};

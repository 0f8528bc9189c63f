// The directory (annuaire): search with paging, add a person, correct a person, record a departure
// (after a confirmation). A mayor or delegate works in their commune; national roles and
// registration officers search everywhere they may read (the server filters).
import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, field, showProblem, clearErrors, success, table, badge, button, confirmInPage, formValues, withoutBlanks, withProgress }
  from '../ui.js';
import { managedCollectivities } from '../roles.js';

const PAGE_SIZE = 20;

function personFields(person = {}) {
  return [
    field({ name: 'birthName', label: t('personne.nom-naissance'), value: person.birthName || '', required: true, autocomplete: 'off',
      hint: t('personne.nom-naissance.aide') }),
    field({ name: 'usualName', label: t('personne.nom-usage'), value: person.usualName || '', autocomplete: 'off' }),
    field({ name: 'givenNames', label: t('personne.prenoms'), value: person.givenNames || '', required: true, autocomplete: 'off',
      hint: t('personne.prenoms.aide') }),
    field({ name: 'birthDate', label: t('personne.date-naissance'), type: 'date', value: person.birthDate || '', required: true }),
    field({ name: 'birthPlace', label: t('personne.lieu-naissance'), value: person.birthPlace || '', required: true,
      hint: t('personne.lieu-naissance.aide') }),
    field({ name: 'email', label: t('personne.courriel'), type: 'email', value: person.email || '', required: true, autocomplete: 'off' }),
    field({ name: 'service', label: t('personne.service'), value: person.service || '' }),
    field({ name: 'jobTitle', label: t('personne.fonction'), value: person.jobTitle || '' }),
  ];
}

function searchPath(collectivityId) {
  return collectivityId ? `/api/v1/collectivities/${collectivityId}/people` : '/api/v1/people';
}

async function renderSearch(main, collectivityId) {
  main.append(h('h1', {}, t('annuaire.titre')));
  if (collectivityId) {
    main.append(h('p', {}, h('a', { class: 'fr-btn fr-btn--secondary', href: `#/annuaire/nouveau?c=${collectivityId}` },
      t('annuaire.ajouter'))));
  }
  const form = h('form', { role: 'search', 'aria-label': t('annuaire.recherche'), class: 'fr-mb-4w', id: 'recherche-annuaire' },
    h('div', { class: 'fr-grid-row fr-grid-row--gutters' },
      h('div', { class: 'fr-col-12 fr-col-md-5' }, field({ name: 'name', label: t('annuaire.recherche.nom'), hint: t('annuaire.recherche.nom.aide') })),
      h('div', { class: 'fr-col-12 fr-col-md-4' }, field({ name: 'function', label: t('annuaire.recherche.fonction') })),
      h('div', { class: 'fr-col-12 fr-col-md-3' }, field({ name: 'status', label: t('annuaire.recherche.statut'), value: 'active',
        options: [['active', t('personne.statut.active')], ['departed', t('personne.statut.departed')], ['', t('annuaire.recherche.tous')]] }))),
    h('button', { class: 'fr-btn', type: 'submit' }, t('annuaire.rechercher')));
  const results = h('div', { id: 'resultats', 'aria-live': 'polite' });
  main.append(form, results);
  const cursors = [null];
  let page = 0;

  async function load() {
    const values = formValues(form);
    try {
      const { data } = await withProgress(results, t('chargement'), () => api.get(searchPath(collectivityId), {
        params: { name: values.name, function: values.function, status: values.status, limit: PAGE_SIZE, after: cursors[page] },
      }));
      clearErrors(form);
      const rows = data.items.map((person) => [
        h('a', { href: `#/annuaire/${person.id}?c=${person.collectivityId}` },
          `${person.usualName || person.birthName} ${person.givenNames}`),
        person.birthName, [person.jobTitle, person.service].filter(Boolean).join(' — ') || '—',
        person.collectivityName || '—',
        badge(t(`personne.statut.${person.status}`), person.status === 'active' ? 'success' : 'info'),
      ]);
      const navigation = page === 0 && !data.hasMore ? '' : h('nav', { class: 'fr-pagination', role: 'navigation', 'aria-label': t('pagination') },
        h('ul', { class: 'fr-pagination__list' },
          h('li', {}, page > 0
            ? button(t('pagination.precedente'), () => { page -= 1; load(); }, { secondary: true, name: 'precedente' })
            : null),
          h('li', {}, data.hasMore
            ? button(t('pagination.suivante'), () => { cursors[page + 1] = data.next; page += 1; load(); }, { secondary: true, name: 'suivante' })
            : null)));
      results.replaceChildren(
        h('p', {}, data.items.length === 0 ? t('annuaire.aucun') : t('annuaire.page', { page: page + 1, nombre: data.items.length })),
        data.items.length ? table(t('annuaire.resultats'), [t('personne.nom'), t('personne.nom-naissance'), t('personne.fonction'),
          t('personne.collectivite'), t('personne.statut')], rows) : '',
        navigation);
    } catch (problem) {
      showProblem(form, problem);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    cursors.length = 1;
    page = 0;
    load();
  });
  await load();
}

async function renderCreate(main, collectivityId) {
  main.append(h('h1', {}, t('annuaire.ajouter')), h('p', {}, t('formulaire.obligatoires')));
  const idempotencyKey = api.newIdempotencyKey();
  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('action.enregistrer'));
  const form = h('form', { novalidate: true, id: 'nouvelle-personne' }, personFields(),
    h('div', { class: 'cartes-actions' }, submit, h('a', { class: 'fr-btn fr-btn--secondary', href: '#/annuaire' }, t('action.annuler'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { data } = await withProgress(form, t('enregistrement'), () => api.post(`/api/v1/collectivities/${collectivityId}/people`,
        withoutBlanks(formValues(form)), { idempotencyKey }), submit);
      window.location.hash = `#/annuaire/${data.id}?c=${collectivityId}&cree`;
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  main.append(form);
}

async function renderPerson(main, personId, collectivityId, query, canManage) {
  const path = `/api/v1/collectivities/${collectivityId}/people/${personId}`;
  let { data: person, etag } = await api.get(path);
  const membership = (person.memberships || []).find((m) => m.collectivityId === collectivityId) || {};
  main.append(h('h1', {}, `${person.usualName || person.birthName} ${person.givenNames}`));
  const summary = h('dl', { class: 'fr-mb-4w' },
    h('dt', {}, t('personne.identifiant-porteur')), h('dd', {}, person.holderId),
    h('dt', {}, t('personne.statut')), h('dd', {}, badge(t(`personne.statut.${person.status}`), person.status === 'active' ? 'success' : 'info')),
    h('dt', {}, t('personne.collectivite')), h('dd', {}, membership.collectivityName || '—'),
    h('dt', {}, t('personne.roles')), h('dd', {}, [...(membership.roles || []).map((role) => t(`role.${role}`)),
      ...(membership.delegations || []).map((d) => t(`delegation.${d}`))].join(', ') || '—'),
    person.departedAt ? [h('dt', {}, t('personne.depart')), h('dd', {}, formatDate(person.departedAt))] : null);
  main.append(summary);
  const feedback = h('div', {});
  main.append(feedback);
  if (query.has('cree')) success(feedback, t('annuaire.cree'));
  if (query.has('parti')) success(feedback, t('annuaire.depart.fait'));
  if (!canManage || person.status !== 'active') return;

  const submit = h('button', { class: 'fr-btn', type: 'submit' }, t('action.enregistrer'));
  const form = h('form', { novalidate: true, id: 'modifier-personne', 'aria-labelledby': 'titre-modifier' },
    h('h2', { id: 'titre-modifier' }, t('annuaire.modifier')),
    personFields({ ...person, service: membership.service, jobTitle: membership.jobTitle }), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await withProgress(form, t('enregistrement'), () => api.put(path, withoutBlanks(formValues(form)), { ifMatch: etag }), submit);
      etag = answer.etag || etag;
      clearErrors(form);
      success(form, t('annuaire.modifie'));
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  main.append(form);

  const departure = h('section', { class: 'fr-mt-6w', 'aria-labelledby': 'titre-depart' },
    h('h2', { id: 'titre-depart' }, t('annuaire.depart.titre')), h('p', {}, t('annuaire.depart.explication')));
  const departureButton = button(t('annuaire.depart.bouton'), async () => {
    const confirmed = await confirmInPage(departure, t('annuaire.depart.confirmation', { nom: `${person.givenNames} ${person.birthName}` }),
      t('annuaire.depart.confirmer'));
    if (!confirmed) return;
    try {
      await withProgress(departure, t('enregistrement'), () => api.post(`${path}/departure`, undefined, { ifMatch: etag }), departureButton);
      window.location.hash = `#/annuaire/${personId}?c=${collectivityId}&parti`;
    } catch (problem) {
      showProblem(departure, problem);
    }
  }, { secondary: true, name: 'depart' });
  departure.append(departureButton);
  main.append(departure);
}

export default {
  title: 'annuaire.titre',
  async render(main, { me, segments, query }) {
    const managed = managedCollectivities(me);
    const collectivityId = query.get('c') || managed[0] || null;
    if (segments[0] === 'nouveau' && collectivityId) {
      await renderCreate(main, collectivityId);
    } else if (segments[0]) {
      await renderPerson(main, segments[0], collectivityId, query, managed.includes(collectivityId));
    } else {
      await renderSearch(main, managed[0] || null);
    }
  },
};

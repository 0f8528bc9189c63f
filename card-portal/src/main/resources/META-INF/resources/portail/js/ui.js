// Small DOM helpers shared by the views. Elements are built with h(), never from HTML strings,
// so that data from the server is always text.
import { t, has } from './i18n.js';

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

let fieldCounter = 0;

/** A DSFR input group: label tied to the input, hint, and a place for the field's error. */
export function field({ name, label, type = 'text', value = '', hint, required = false, autocomplete, options, inputmode }) {
  const id = `champ-${name.replace(/[^a-zA-Z0-9]/g, '-')}-${++fieldCounter}`;
  const messageId = `${id}-erreur`;
  const hintNode = hint ? h('span', { class: 'fr-hint-text' }, hint) : null;
  let control;
  if (options) {
    control = h('select', { class: 'fr-select', id, name, required, 'aria-describedby': messageId },
      options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
  } else if (type === 'textarea') {
    control = h('textarea', { class: 'fr-input', id, name, required, 'aria-describedby': messageId }, value);
  } else {
    control = h('input', {
      class: 'fr-input', id, name, type, value, required, autocomplete, inputmode, 'aria-describedby': messageId,
    });
  }
  const group = h('div', { class: options ? 'fr-select-group' : 'fr-input-group', 'data-field': name },
    h('label', { class: 'fr-label', for: id }, label, required ? ` ${t('formulaire.obligatoire')}` : '', hintNode),
    control,
    h('p', { class: 'fr-error-text fr-hidden', id: messageId }));
  return group;
}

/** A field message in French: the server's own when it translated it, else the portal's translation. */
function fieldMessage(text) {
  if (has(`champ.${text}`)) return t(`champ.${text}`);
  const atMost = /^at most (\d+) characters$/.exec(text);
  if (atMost) return `${atMost[1]} caractères au plus.`;
  // The server's own French (its field messages are fragments such as "obligatoire"): shown as a sentence
  if (!text) return text;
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Clears the errors shown by showProblem in this container. */
export function clearErrors(container) {
  container.querySelectorAll('[data-field]').forEach((group) => {
    group.classList.remove('fr-input-group--error', 'fr-select-group--error');
    const control = group.querySelector('input, select, textarea');
    control?.removeAttribute('aria-invalid');
    control?.classList.remove('fr-input--error', 'fr-select--error');
    const message = group.querySelector('.fr-error-text');
    if (message) {
      message.textContent = '';
      message.classList.add('fr-hidden');
    }
  });
  container.querySelectorAll('.cartes-problem').forEach((node) => node.remove());
}

/**
 * Shows a problem next to what caused it: each field error under its field (by the field's name),
 * the rest in an alert at `where` (the form or the action). The alert is announced and focused.
 */
export function showProblem(where, problem) {
  clearErrors(where);
  const unplaced = [];
  for (const error of problem.errors || []) {
    const group = where.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
    if (!group) {
      unplaced.push(error);
      continue;
    }
    group.classList.add(group.classList.contains('fr-select-group') ? 'fr-select-group--error' : 'fr-input-group--error');
    const control = group.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    const message = group.querySelector('.fr-error-text');
    message.textContent = fieldMessage(error.message);
    message.classList.remove('fr-hidden');
  }
  const alert = h('div', { class: 'fr-alert fr-alert--error fr-alert--sm fr-mb-3w cartes-problem', role: 'alert', tabindex: '-1' },
    h('h3', { class: 'fr-alert__title' }, t('probleme.titre')),
    h('p', {}, problem.text || String(problem.message)),
    unplaced.length ? h('ul', {}, unplaced.map((error) => h('li', {}, `${error.field} : ${fieldMessage(error.message)}`))) : null,
    problem.errors?.length && !unplaced.length ? h('p', {}, t('probleme.voir-champs')) : null,
    problem.technicalDetail ? h('p', { class: 'fr-text--xs' }, `${t('probleme.detail-technique')} ${problem.technicalDetail}`) : null);
  where.prepend(alert);
  const firstInvalid = where.querySelector('[aria-invalid="true"]');
  (firstInvalid || alert).focus();
  return alert;
}

export function success(where, text) {
  where.querySelectorAll('.cartes-success').forEach((node) => node.remove());
  const alert = h('div', { class: 'fr-alert fr-alert--success fr-alert--sm fr-mb-3w cartes-success', role: 'status' },
    h('p', {}, text));
  where.prepend(alert);
  return alert;
}

/** Announces a text to screen readers without moving the focus. */
export function announce(text) {
  const region = document.getElementById('annonces');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/**
 * Runs an operation; if it lasts more than a second, shows a progress indicator with `label`
 * (announced) and disables `trigger` meanwhile.
 */
export async function withProgress(where, label, operation, trigger) {
  let indicator = null;
  if (trigger) trigger.disabled = true;
  const timer = setTimeout(() => {
    indicator = h('div', { class: 'cartes-progress', role: 'status', 'aria-live': 'polite', 'data-progress': '' },
      h('span', { class: 'cartes-progress__spinner', 'aria-hidden': 'true' }), h('span', {}, label));
    where.append(indicator);
  }, 1000);
  try {
    return await operation();
  } finally {
    clearTimeout(timer);
    indicator?.remove();
    if (trigger) trigger.disabled = false;
  }
}

/** A data table with a caption; rows are arrays of cells (text or nodes). */
export function table(caption, headers, rows) {
  // The table scrolls sideways on narrow screens: focusable, so that the keyboard can scroll it too
  return h('div', { class: 'fr-table cartes-table-wrapper' },
    h('table', { tabindex: '0' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell)))))));
}

/** A DSFR badge whose meaning is in its text, the colour only repeats it. */
export function badge(text, kind = 'info') {
  return h('p', { class: `fr-badge fr-badge--sm fr-badge--${kind}` }, text);
}

export function button(label, onClick, { secondary = false, type = 'button', name } = {}) {
  return h('button', { class: `fr-btn${secondary ? ' fr-btn--secondary' : ''}`, type, onClick, name }, label);
}

/**
 * Asks for confirmation inside the page (a DSFR alert with two buttons), focus on the question;
 * resolves true or false. Escape cancels.
 */
export function confirmInPage(where, question, confirmLabel) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const box = h('div', { class: 'fr-alert fr-alert--warning fr-mb-3w', role: 'alertdialog', 'aria-modal': 'false',
      'aria-labelledby': 'confirmation-question', tabindex: '-1' });
    const finish = (answer) => {
      box.remove();
      previous?.focus?.();
      resolve(answer);
    };
    box.append(h('h3', { class: 'fr-alert__title', id: 'confirmation-question' }, question),
      h('div', { class: 'cartes-actions fr-mt-2w' },
        button(confirmLabel, () => finish(true), { name: 'confirmer' }),
        button(t('action.annuler'), () => finish(false), { secondary: true, name: 'annuler' })));
    box.addEventListener('keydown', (event) => { if (event.key === 'Escape') finish(false); });
    where.prepend(box);
    box.focus();
  });
}

export function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    values[name] = typeof value === 'string' ? value.trim() : value;
  }
  return values;
}

/** Drops empty strings (optional fields left blank are absent, not ""). */
export function withoutBlanks(values) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
}

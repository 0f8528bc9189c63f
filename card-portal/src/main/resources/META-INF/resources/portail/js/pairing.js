// Reaching the workstation bridge from a view: the pairing form (once per browser), and the check
// every card operation starts with (is the bridge there, is this browser paired).
import { t } from './i18n.js';
import { h, field, showProblem, formValues } from './ui.js';
import * as bridge from './bridge.js';

export function pairingForm(container, onPaired) {
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
      form.remove();
      onPaired();
    } catch (problem) {
      showProblem(form, problem);
    }
  });
  container.append(form);
}

/**
 * Calls `ready()` once the bridge answers and this browser is paired with it; until then shows
 * why not and the pairing form in `container` (the bridge may listen on another port: the form
 * lets the person say which).
 */
export async function withBridge(container, ready) {
  try {
    await bridge.status();
  } catch (problem) {
    showProblem(container, problem);
    pairingForm(container, ready);
    return;
  }
  if (!bridge.isPaired()) {
    pairingForm(container, ready);
    return;
  }
  await ready();
}

// Every text the views show comes from a messages file (messages/<language>.js); French is the
// only one today. t('clé', {nom: 'x'}) replaces {nom} in the text.
import fr from './messages/fr.js';

const catalogs = { fr };
const language = 'fr';

export function t(key, values = {}) {
  const text = catalogs[language][key];
  if (text === undefined) {
    console.warn(`Texte manquant : ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (all, name) => (values[name] === undefined ? all : String(values[name])));
}

export function has(key) {
  return catalogs[language][key] !== undefined;
}

export function currentLanguage() {
  return language;
}

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatDateTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });
}

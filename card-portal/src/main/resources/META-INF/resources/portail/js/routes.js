// The views and who sees them in the menu. `roles`: the roles (from GET /api/v1/me) that may open
// the view; the server checks every request again.
import connexion from './views/connexion.js';
import aide from './views/aide.js';
import accueil from './views/accueil.js';
import annuaire from './views/annuaire.js';
import { notFound, forbidden } from './views/simple.js';

const EVERYONE = ['mayor', 'delegate', 'agent', 'holder', 'registration_officer', 'auditor', 'national_administrator'];
const COMMUNE = ['mayor', 'delegate'];
const NATIONAL = ['auditor', 'national_administrator'];

export const routes = {
  '/': { ...accueil, roles: EVERYONE, menu: 'menu.accueil' },
  '/annuaire': { ...annuaire, roles: [...COMMUNE, 'registration_officer', ...NATIONAL], menu: 'menu.annuaire' },
};

export const publicRoutes = {
  '/connexion': { ...connexion, anonymousOnly: true },
  '/aide': { ...aide, menu: 'menu.aide', anonymousOnly: true },
  '/introuvable': notFound,
  '/interdit': forbidden,
};

// The views and who sees them in the menu. `roles`: the roles (from GET /api/v1/me) that may open
// the view; the server checks every request again.
import connexion from './views/connexion.js';
import aide from './views/aide.js';
import accueil from './views/accueil.js';
import annuaire from './views/annuaire.js';
import maCarte from './views/ma-carte.js';
import declarerPerte from './views/declarer-perte.js';
import audit from './views/audit.js';
import conventions from './views/conventions.js';
import applications from './views/applications.js';
import convention from './views/convention.js';
import habilitations from './views/habilitations.js';
import delegues from './views/delegues.js';
import commandes from './views/commandes.js';
import conformite from './views/conformite.js';
import guichet from './views/guichet.js';
import facturation from './views/facturation.js';
import { notFound, forbidden } from './views/simple.js';

const EVERYONE = ['mayor', 'delegate', 'agent', 'holder', 'registration_officer', 'auditor', 'national_administrator'];
const COMMUNE = ['mayor', 'delegate'];
const NATIONAL = ['auditor', 'national_administrator'];

export const routes = {
  '/': { ...accueil, roles: EVERYONE, menu: 'menu.accueil' },
  '/annuaire': { ...annuaire, roles: [...COMMUNE, 'registration_officer', ...NATIONAL], menu: 'menu.annuaire' },
  '/guichet': { ...guichet, roles: ['registration_officer', ...COMMUNE], menu: 'menu.guichet' },
  '/commandes': { ...commandes, roles: [...COMMUNE, 'registration_officer'], menu: 'menu.commandes' },
  '/facturation': { ...facturation, roles: COMMUNE, menu: 'menu.facturation' },
  '/delegues': { ...delegues, roles: ['mayor'], menu: 'menu.delegues' },
  '/habilitations': { ...habilitations, roles: COMMUNE, menu: 'menu.habilitations' },
  '/convention': { ...convention, roles: COMMUNE, menu: 'menu.convention' },
  '/conventions': { ...conventions, roles: NATIONAL, menu: 'menu.conventions' },
  '/conformite': { ...conformite, roles: NATIONAL, menu: 'menu.conformite' },
  '/audit': { ...audit, roles: [...NATIONAL, ...COMMUNE], menu: 'menu.audit' },
  '/applications': { ...applications, roles: ['national_administrator'], menu: 'menu.applications' },
  '/ma-carte': { ...maCarte, roles: ['holder'], menu: 'menu.ma-carte' },
};

export const publicRoutes = {
  '/connexion': { ...connexion, anonymousOnly: true },
  '/aide': { ...aide, menu: 'menu.aide', anonymousOnly: true },
  '/declarer-perte': { ...declarerPerte, menu: 'menu.declarer-perte' },
  '/introuvable': notFound,
  '/interdit': forbidden,
};

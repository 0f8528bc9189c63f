// What the portal shows to whom, from GET /api/v1/me. The server decides every right again on
// each request: this only chooses the menu.

export function rolesOf(me) {
  return new Set((me?.roles || []).map((grant) => grant.role));
}

/** The collectivities where the person is mayor or delegate (the scope of those roles). */
export function managedCollectivities(me) {
  return [...new Set((me?.roles || []).filter((grant) => grant.role === 'mayor' || grant.role === 'delegate')
    .map((grant) => grant.scope))];
}

export function officeOf(me) {
  return (me?.roles || []).find((grant) => grant.role === 'registration_officer')?.scope || null;
}

export function isNational(me) {
  const roles = rolesOf(me);
  return roles.has('national_administrator') || roles.has('auditor');
}

import type { matrix } from '../authorization/matrix.ts';
import type { Persona, World } from '../authorization/world.ts';

type Entry = (typeof matrix)[string];

/** Someone the matrix lets through on this route (the public on open routes), so the request is served. */
export function allowedPersona(entry: Entry): Persona {
  if (entry.open !== undefined) return 'public';
  const allowed = Object.entries(entry.allow ?? {}).find(([, status]) => status < 300);
  return (allowed?.[0] as Persona | undefined) ?? 'secretary';
}

/** That persona's session; a fresh one where the route would end the persona's own. */
export async function sessionOf(w: World, entry: Entry, persona: Persona) {
  if (entry.fresh) return w.freshSession(persona);
  return persona === 'public' ? null : w.sessions[persona];
}

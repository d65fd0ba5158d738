// TEMPORARY (issue 15, replaced by the db part before anything lands): lets the workspace build
// while the people repositories are written. Every call throws.
import type { Store } from '../store.js';

type PeopleParts = Pick<
  Store,
  'people' | 'sessions' | 'links' | 'challenges' | 'signInThrottle' | 'audit' | 'settings'
>;

export function peopleRepositoriesNotYetBuilt(): PeopleParts {
  const missing = new Proxy(
    {},
    {
      get(_target, name) {
        return () => Promise.reject(new Error(`not built yet: ${String(name)}`));
      },
    },
  );
  return {
    people: missing,
    sessions: missing,
    links: missing,
    challenges: missing,
    signInThrottle: missing,
    audit: missing,
    settings: missing,
  } as PeopleParts;
}

import { useSyncExternalStore } from 'react';

/** The console's routes live in the address (history API); the gateway answers each with index.html. */
const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

window.addEventListener('popstate', notify);

export function navigate(to: string, replace = false): void {
  if (to === `${location.pathname}${location.search}`) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => `${location.pathname}${location.search}`,
  );
  const url = new URL(href, location.origin);
  return { pathname: url.pathname, search: url.search };
}

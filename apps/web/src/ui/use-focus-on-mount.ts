import { useEffect, useRef } from 'preact/hooks';

/**
 * Focuses an element when it mounts. (The `autofocus` attribute only works once per document, so a page
 * shown after signing in would not get focus from it.)
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, []);
  return ref;
}

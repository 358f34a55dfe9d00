/*
 * A value that follows its input once the input has stopped changing for `delayMs` (the live preview
 * waits for a pause in typing). Compared by JSON, so a new but equal object does not restart the wait.
 */
import * as React from 'react';

export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = React.useState(value);
  const latest = React.useRef(value);
  latest.current = value;
  const serialized = JSON.stringify(value);
  React.useEffect(() => {
    const timer = setTimeout(() => setDebounced(latest.current), delayMs);
    return () => clearTimeout(timer);
  }, [serialized, delayMs]);
  return debounced;
}

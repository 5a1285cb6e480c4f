import { useEffect, useState } from 'preact/hooks';

/** Re-renders every `ms` while mounted, so that ages read from the clock stay true. */
export function useTick(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

// Locks the screen after lockAfterMinutes without keyboard, pointer or wheel activity. The
// backend enforces the same limit; this only spares the operator a failed call to find out.
import { useEffect } from 'react';
import { MINUTE_MS } from '../../../shared/domain/time.ts';

const ACTIVITY = ['keydown', 'pointerdown', 'mousemove', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 15_000;

export function useIdleLock(lockAfterMinutes: number | null, onIdle: () => void): void {
  useEffect(() => {
    if (!lockAfterMinutes || lockAfterMinutes <= 0) return;
    let last = Date.now();
    const seen = () => {
      last = Date.now();
    };
    for (const name of ACTIVITY) window.addEventListener(name, seen, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= lockAfterMinutes * MINUTE_MS) onIdle();
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const name of ACTIVITY) window.removeEventListener(name, seen);
    };
  }, [lockAfterMinutes, onIdle]);
}

// Operator preferences kept on this machine (theme, language). An adapter, so tests pass a Map.
export interface Preferences {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export function localStoragePreferences(storage: Storage = window.localStorage): Preferences {
  return {
    get: (key) => {
      try {
        return storage.getItem(key);
      } catch {
        return null; // storage can be disabled by policy; preferences then last one session
      }
    },
    set: (key, value) => {
      try {
        storage.setItem(key, value);
      } catch {
        // storage can be disabled by policy; the choice still applies to this session
      }
    },
  };
}

export function memoryPreferences(initial: Record<string, string> = {}): Preferences {
  const map = new Map(Object.entries(initial));
  return { get: (key) => map.get(key) ?? null, set: (key, value) => void map.set(key, value) };
}

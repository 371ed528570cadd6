// A copy of agent/reflectMetadata.ts (the console must not depend on agent/); merge both into shared/
// once the agent lands. @peculiar/x509 depends on tsyringe, which refuses to load without the
// reflect-metadata polyfill; that package is not installed, so this provides the four calls it makes.
type MetadataTarget = object;
const store = new WeakMap<MetadataTarget, Map<string, Map<unknown, unknown>>>();

function bucket(target: MetadataTarget, property: string | symbol | undefined, create: boolean): Map<unknown, unknown> | undefined {
  let byProperty = store.get(target);
  if (!byProperty && create) store.set(target, (byProperty = new Map<string, Map<unknown, unknown>>()));
  const key = String(property ?? '');
  let entries = byProperty?.get(key);
  if (!entries && create && byProperty) byProperty.set(key, (entries = new Map()));
  return entries;
}

interface ReflectMetadataApi {
  defineMetadata(key: unknown, value: unknown, target: MetadataTarget, property?: string | symbol): void;
  getOwnMetadata(key: unknown, target: MetadataTarget, property?: string | symbol): unknown;
  getMetadata(key: unknown, target: MetadataTarget, property?: string | symbol): unknown;
  hasMetadata(key: unknown, target: MetadataTarget, property?: string | symbol): boolean;
  metadata(key: unknown, value: unknown): (target: MetadataTarget, property?: string | symbol) => void;
}

const api: ReflectMetadataApi = {
  defineMetadata: (key, value, target, property) => void bucket(target, property, true)!.set(key, value),
  getOwnMetadata: (key, target, property) => bucket(target, property, false)?.get(key),
  getMetadata(key, target, property) {
    // Walk the prototype chain, as the real polyfill does for inherited constructor metadata.
    for (let t: MetadataTarget | null = target; t; t = Object.getPrototypeOf(t) as MetadataTarget | null) {
      const entries = bucket(t, property, false);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  },
  hasMetadata: (key, target, property) => api.getMetadata(key, target, property) !== undefined,
  metadata: (key, value) => (target, property) => api.defineMetadata(key, value, target, property),
};

const reflect = Reflect as unknown as Partial<ReflectMetadataApi>;
if (typeof reflect.getMetadata !== 'function') Object.assign(Reflect, api);

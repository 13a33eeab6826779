import { z } from 'zod';

/**
 * A numeric field's bounds, read from the spec's own zod schema (through its JSON Schema), so the
 * app's fields and hints never carry hand-copied numbers.
 */
export interface NumberBounds {
  min?: number;
  max?: number;
  /** The bound itself is not allowed (e.g. learning rate > 0). */
  exclusiveMin: boolean;
  exclusiveMax: boolean;
  integer: boolean;
  /** For lists of numbers: how many items. */
  minItems?: number;
  maxItems?: number;
}

interface JsonNode {
  type?: string;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

const cache = new WeakMap<z.ZodType, JsonNode>();
const json = (schema: z.ZodType): JsonNode => {
  let node = cache.get(schema);
  if (!node) {
    node = z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonNode;
    cache.set(schema, node);
  }
  return node;
};

const SAFE = Number.MAX_SAFE_INTEGER;

/** Bounds of the number (or list of numbers) at `path` ("epochs", "hidden.0.units", "sparsities") inside `schema`. */
export function numberBounds(schema: z.ZodType, path: string): NumberBounds {
  let node: JsonNode | undefined = json(schema);
  for (const key of path.split('.')) {
    node = node?.type === 'array' ? (/^\d+$/.test(key) ? node.items : undefined) : node?.properties?.[key];
    if (!node) throw new Error(`The schema has no field "${path}".`);
  }
  let list: JsonNode | undefined;
  if (node.type === 'array') {
    list = node;
    node = node.items;
  }
  if (!node || (node.type !== 'number' && node.type !== 'integer')) throw new Error(`"${path}" is not a number field.`);
  const b: NumberBounds = { integer: node.type === 'integer', exclusiveMin: node.exclusiveMinimum !== undefined, exclusiveMax: node.exclusiveMaximum !== undefined };
  const min = node.exclusiveMinimum ?? node.minimum;
  const max = node.exclusiveMaximum ?? node.maximum;
  if (min !== undefined && min > -SAFE) b.min = min;
  if (max !== undefined && max < SAFE) b.max = max;
  if (list?.minItems !== undefined) b.minItems = list.minItems;
  if (list?.maxItems !== undefined) b.maxItems = list.maxItems;
  return b;
}

/** Whether `v` is within the bounds. */
export function withinBounds(v: number, b: NumberBounds): boolean {
  if (!Number.isFinite(v) || (b.integer && !Number.isInteger(v))) return false;
  if (b.min !== undefined && (b.exclusiveMin ? v <= b.min : v < b.min)) return false;
  if (b.max !== undefined && (b.exclusiveMax ? v >= b.max : v > b.max)) return false;
  return true;
}

/** "a whole number from 1 to 5000", "a number above 0 and at most 10". */
export function describeBounds(b: NumberBounds, scale = 1): string {
  const f = (x: number) => String(+(x * scale).toPrecision(6));
  const what = b.integer ? 'a whole number' : 'a number';
  const lo = b.min === undefined ? '' : b.exclusiveMin ? `above ${f(b.min)}` : `at least ${f(b.min)}`;
  const hi = b.max === undefined ? '' : b.exclusiveMax ? `below ${f(b.max)}` : `at most ${f(b.max)}`;
  if (lo && hi && !b.exclusiveMin && !b.exclusiveMax) return `${what} from ${f(b.min as number)} to ${f(b.max as number)}`;
  return [what, [lo, hi].filter(Boolean).join(' and ')].filter(Boolean).join(' ');
}

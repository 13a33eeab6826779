/**
 * Setting any spec field by its dotted path, array items by index ("model.hidden.0.units"), as the
 * CLI's --set does. Values are read as JSON when they parse ("64", "true", "[…]", "{…}") and as a
 * plain string otherwise ("adam"). Paths must lead through existing objects and arrays; a leaf
 * may be new (the schema then judges it), so typos are reported by validation with their path.
 */
export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** Returns a copy of `root` with the value at `path` replaced. */
export function setPath<T>(root: T, path: string, value: unknown): T {
  const keys = path.split('.');
  if (path === '' || keys.some((k) => k === '')) throw new PathError(`"${path}" is not a field path (use dots, e.g. training.epochs or model.hidden.0.units).`);
  const bad = keys.find((k) => FORBIDDEN.has(k));
  if (bad) throw new PathError(`"${path}": "${bad}" is not a spec field.`);
  const copy = structuredClone(root) as unknown;
  let node: unknown = copy;
  for (const [i, key] of keys.entries()) {
    const last = i === keys.length - 1;
    const where = keys.slice(0, i).join('.') || 'the spec';
    if (Array.isArray(node)) {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0) throw new PathError(`"${path}": ${where} is a list; "${key}" is not an index.`);
      if (index > node.length || (!last && index >= node.length)) throw new PathError(`"${path}": ${where} has ${node.length} item(s); index ${index} is out of range.`);
      if (last) node[index] = value;
      else node = node[index];
    } else if (isObject(node)) {
      if (last) node[key] = value;
      else if (!(key in node)) throw new PathError(`"${path}": ${where} has no field "${key}".`);
      else node = node[key];
    } else {
      throw new PathError(`"${path}": ${where} is a value, not an object or a list.`);
    }
  }
  return copy as T;
}

/** "PATH=VALUE" → [path, parsed value]. */
export function parseAssignment(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new PathError(`--set expects PATH=VALUE, got "${text}".`);
  return [text.slice(0, eq), parseValue(text.slice(eq + 1))];
}

/** Whether a dotted path ("training.epochs", "model.hidden.0") names something in the spec. */
export function hasPath(spec: unknown, path: string): boolean {
  let node: unknown = spec;
  for (const key of path.split('.')) {
    if (!key || ['__proto__', 'constructor', 'prototype'].includes(key) || typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

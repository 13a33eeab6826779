/**
 * The classes present in a label vector, sorted ascending (scikit-learn's `classes_`), and the
 * encoding of each label as its position among them. Models fitted on a subset where some class
 * is absent only know (and only predict) the classes they saw, as in scikit-learn.
 */
export interface ClassEncoding {
  /** Original labels of the classes present, ascending. */
  classes: Int32Array;
  /** Per row, the index into `classes`. */
  encoded: Int32Array;
}

export function encodeClasses(y: Int32Array): ClassEncoding {
  const classes = Int32Array.from(new Set(y)).sort();
  const index = new Map<number, number>();
  classes.forEach((c, i) => index.set(c, i));
  return { classes, encoded: Int32Array.from(y, (c) => index.get(c) ?? 0) };
}

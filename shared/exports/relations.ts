/**
 * A linear relation between the columns of one row, as an analysis's metadata declares it ("crimes = victims -
 * repeat_victims + crimes_against_repeat_victims", "crimes_against_repeat_victims >= min_crimes*repeat_victims"):
 * the coefficient of each column once everything is moved to the left, the constant, and how the two compare.
 */
export interface Relation {
  text: string;
  coefficients: Map<string, number>;
  constant: number;
  op: '=' | '>=' | '<=';
}

/**
 * Parses a relation. Each term is a product of numbers, parameter names (their values stand in) and at most one
 * column name; a name that is neither a column nor a parameter is an error, so a typo in metadata cannot silently
 * weaken the audit.
 */
export function parseRelation(text: string, columns: ReadonlySet<string>, parameters: Record<string, string | number>): Relation {
  const match = /^(.*?)(>=|<=|=)(.*)$/.exec(text);
  if (!match) throw new Error(`"${text}" is not a relation: it needs =, >= or <=.`);
  const [, left, op, right] = match;
  const coefficients = new Map<string, number>();
  let constant = 0;
  const addSide = (side: string, sign: number) => {
    const terms = side.replace(/\s+/g, '').replace(/-/g, '+-').split('+').filter((t) => t !== '');
    if (terms.length === 0) throw new Error(`"${text}" has an empty side.`);
    for (const term of terms) {
      let factor = sign;
      let column: string | null = null;
      for (const raw of term.split('*')) {
        const negative = raw.startsWith('-');
        const name = negative ? raw.slice(1) : raw;
        if (negative) factor = -factor;
        if (/^[0-9]+(\.[0-9]+)?$/.test(name)) factor *= Number(name);
        else if (columns.has(name)) {
          if (column) throw new Error(`"${text}" multiplies two columns (${column} and ${name}): only linear relations can be audited.`);
          column = name;
        } else if (name in parameters && Number.isFinite(Number(parameters[name]))) factor *= Number(parameters[name]);
        else throw new Error(`"${text}" names "${name}", which is neither a column nor a numeric parameter.`);
      }
      if (column) coefficients.set(column, (coefficients.get(column) ?? 0) + factor);
      else constant += factor;
    }
  };
  addSide(left, 1);
  addSide(right, -1);
  return { text, coefficients, constant, op: op as Relation['op'] };
}

/** Whether the relation holds for a row's true values (a relation that does not hold gives a reader nothing). */
export function holds(relation: Relation, value: (column: string) => number | null): boolean {
  let sum = relation.constant;
  for (const [column, coefficient] of relation.coefficients) {
    const v = value(column);
    if (v === null) return false;
    sum += coefficient * v;
  }
  const tolerance = 1e-9;
  return relation.op === '=' ? Math.abs(sum) <= tolerance : relation.op === '>=' ? sum >= -tolerance : sum <= tolerance;
}

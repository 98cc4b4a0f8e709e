/**
 * The exact audit of a suppressed table, as statistical offices audit theirs (tau-Argus, sdcTable): every hidden
 * count is a whole-number unknown, everything published is a constant, and each declared relation (an additive
 * set's total, a row identity or bound) is a linear constraint. For each hidden cell an integer linear program finds
 * the smallest and largest value consistent with all of it; that interval is what an intruder holding the table can
 * learn. The solver is passed in (HiGHS, compiled to WebAssembly, in the engine), so this file stays free of Node.
 */

/** A solver of CPLEX LP-format text: HiGHS's `solve`. */
export type LpSolve = (lp: string) => { Status: string; ObjectiveValue: number; Columns?: Record<string, { Primal?: number }> };

export interface Unknown {
  /** The cell's key (`row\u0000column`), so a cached answer is only reused for the same cells. */
  key: string;
  lower: number;
  upper: number;
}

export interface Constraint {
  /** Coefficient of each unknown (by index). */
  terms: Map<number, number>;
  op: '=' | '>=' | '<=';
  rhs: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(15).replace(/\.?0+$/, ''));

function lpText(sense: 'Minimize' | 'Maximize', target: number, vars: number[], unknowns: Unknown[], constraints: Constraint[], integer = true): string {
  const name = (i: number) => `x${i}`;
  const lines = [sense, ` obj: ${name(target)}`, 'Subject To'];
  constraints.forEach((c, index) => {
    const terms = [...c.terms].map(([v, k]) => `${k < 0 ? '-' : '+'} ${formatNumber(Math.abs(k))} ${name(v)}`).join(' ');
    lines.push(` c${index}: ${terms} ${c.op} ${formatNumber(c.rhs)}`);
  });
  lines.push('Bounds');
  for (const v of vars) {
    const u = unknowns[v];
    lines.push(Number.isFinite(u.upper) ? ` ${formatNumber(u.lower)} <= ${name(v)} <= ${formatNumber(u.upper)}` : ` ${name(v)} >= ${formatNumber(u.lower)}`);
  }
  if (integer) lines.push('General', ` ${vars.map(name).join(' ')}`);
  lines.push('End', '');
  return lines.join('\n');
}

/**
 * The optimum of one bound, exactly. The linear relaxation is solved first (milliseconds): when its optimal vertex is
 * whole numbers — as it is for tables whose only relations are sums, which are totally unimodular — it is the
 * integer optimum too, and when it is unbounded so is the integer program (rational data, feasible by construction).
 * Otherwise the integer program itself is solved.
 */
function optimum(solve: LpSolve, sense: 'Minimize' | 'Maximize', target: number, vars: number[], unknowns: Unknown[], constraints: Constraint[]): number {
  const relaxed = solve(lpText(sense, target, vars, unknowns, constraints, false));
  if (/unbounded/i.test(relaxed.Status) && sense === 'Maximize') return Infinity;
  if (relaxed.Status === 'Optimal' && relaxed.Columns && Object.values(relaxed.Columns).every((c) => c.Primal !== undefined && Math.abs(c.Primal - Math.round(c.Primal)) < 1e-7)) {
    return Math.round(relaxed.ObjectiveValue);
  }
  const exact = solve(lpText(sense, target, vars, unknowns, constraints));
  if (exact.Status === 'Optimal') return Math.round(exact.ObjectiveValue);
  // The program is feasible by construction (the true values satisfy it), so "infeasible or unbounded" is unbounded.
  if (sense === 'Maximize' && /unbounded/i.test(exact.Status)) return Infinity;
  return Number.NaN;
}

/** Groups of unknowns linked by constraints: each is audited on its own, which keeps every program small. */
function components(count: number, constraints: Constraint[]): { vars: number[]; constraints: Constraint[] }[] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const c of constraints) {
    const [first, ...rest] = [...c.terms.keys()];
    for (const v of rest) parent[find(v)] = find(first);
  }
  const groups = new Map<number, { vars: number[]; constraints: Constraint[] }>();
  for (let i = 0; i < count; i++) {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, { vars: [], constraints: [] });
    groups.get(root)!.vars.push(i);
  }
  for (const c of constraints) {
    const first = c.terms.keys().next();
    if (!first.done) groups.get(find(first.value))!.constraints.push(c);
  }
  return [...groups.values()];
}

/**
 * The feasible interval of every unknown (`known` gives those already settled, which are not solved again). A program the solver cannot settle (a time limit) gives the cell's own
 * bounds back only if the solver proved them; otherwise the interval collapses to a point so the cell counts as
 * unprotected and suppression widens: an audit that cannot decide must not pass.
 */
export function auditIntervals(unknowns: Unknown[], constraints: Constraint[], solve: LpSolve, known = new Map<string, Interval>()): Interval[] {
  const out: Interval[] = unknowns.map((u) => ({ lower: u.lower, upper: u.upper }));
  for (const group of components(unknowns.length, constraints)) {
    if (group.constraints.length === 0) continue;
    const intervals = group.vars.map((v) => {
      // Hiding more cells only widens what is feasible, so an interval already found wide enough stays so.
      const earlier = known.get(unknowns[v].key);
      if (earlier) return earlier;
      const lower = optimum(solve, 'Minimize', v, group.vars, unknowns, group.constraints);
      const upper = optimum(solve, 'Maximize', v, group.vars, unknowns, group.constraints);
      return Number.isNaN(lower) || Number.isNaN(upper) ? { lower: 0, upper: 0 } : { lower, upper };
    });
    group.vars.forEach((v, i) => (out[v] = intervals[i]));
  }
  return out;
}

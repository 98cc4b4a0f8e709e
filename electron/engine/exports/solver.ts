import highsLoader from 'highs';
import type { LpSolve } from '../../../shared/exports/audit';

let loading: Promise<LpSolve> | undefined;

/**
 * HiGHS, the integer linear programming solver of the suppression audit, compiled to WebAssembly and shipped in the
 * `highs` package (its .wasm file sits beside the loader in node_modules, so nothing is fetched). Loaded once per
 * process; each solve is a fresh, silent native model, bounded in time so an export cannot hang.
 */
export function loadSolver(): Promise<LpSolve> {
  loading ??= highsLoader().then((highs): LpSolve => (lp) => {
    const solution = highs.solve(lp, { output_flag: false, time_limit: 10 });
    const columns = Object.fromEntries(Object.entries(solution.Columns).map(([name, column]) => [name, { Primal: 'Primal' in column ? column.Primal : undefined }]));
    return { Status: solution.Status, ObjectiveValue: solution.ObjectiveValue, Columns: columns };
  });
  return loading;
}

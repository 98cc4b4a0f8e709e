import highsLoader from 'highs';
import type { LpSolve } from '../../../shared/exports/audit';

let loading: Promise<LpSolve> | undefined;

/**
 * HiGHS, the integer linear programming solver of the suppression audit, compiled to WebAssembly and shipped in the
 * `highs` package (its .wasm file sits beside the loader in node_modules, so nothing is fetched). Loaded once per
 * process; each solve is a fresh, silent native model, bounded in time so an export cannot hang.
 */
export function loadSolver(): Promise<LpSolve> {
  loading ??= highsLoader().then((highs) => (lp: string) => highs.solve(lp, { output_flag: false, time_limit: 10 }));
  return loading;
}

import { DOUBLE, DuckDBScalarFunction, type DuckDBConnection } from '@duckdb/node-api';
import { proportionLower, proportionUpper, rateLower, rateUpper } from '../../shared/stats/limits';

type Limit = (...args: number[]) => number;

const functions: [name: string, arity: number, compute: Limit][] = [
  ['rate_lower', 4, rateLower as Limit],
  ['rate_upper', 4, rateUpper as Limit],
  ['prop_lower', 3, proportionLower as Limit],
  ['prop_upper', 3, proportionUpper as Limit],
];

/**
 * The Fingertips confidence limits as SQL functions — rate_lower(count, denominator, per, confidence),
 * rate_upper(…), prop_lower(x, n, confidence), prop_upper(…) — for saved analyses and analysts' own SQL alike.
 * DuckDB keeps them for the whole database once registered, so this runs once when a workspace opens.
 */
export function registerStatsFunctions(connection: DuckDBConnection): void {
  for (const [name, arity, compute] of functions) {
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType: DOUBLE,
        parameterTypes: Array.from({ length: arity }, () => DOUBLE),
        mainFunction: (info, input, output) => {
          const columns = Array.from({ length: arity }, (_, i) => input.getColumnVector(i));
          for (let row = 0; row < input.rowCount; row++) {
            const args = columns.map((c) => c.getItem(row) as number | null);
            if (args.some((a) => a === null)) {
              output.setItem(row, null);
              continue;
            }
            try {
              output.setItem(row, compute(...(args as number[])));
            } catch (error) {
              info.setError(`${name}: ${(error as Error).message}`);
              return;
            }
          }
          output.flush();
        },
      }),
    );
  }
}

import { DOUBLE, DuckDBScalarFunction, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { compare, proportionLower, proportionUpper, rateLower, rateUpper } from '../../shared/stats/limits';
import { registerChangeFunctions } from './changeStatsFunctions';

type Compute = (...args: number[]) => number | string;

const functions: [name: string, arity: number, compute: Compute, returns: DuckDBType][] = [
  ['rate_lower', 4, rateLower as Compute, DOUBLE],
  ['rate_upper', 4, rateUpper as Compute, DOUBLE],
  ['prop_lower', 3, proportionLower as Compute, DOUBLE],
  ['prop_upper', 3, proportionUpper as Compute, DOUBLE],
  // Fingertips' comparison: 'Higher', 'Similar' or 'Lower' from the area's limits and the comparator's value.
  ['fingertips_compare', 3, compare as Compute, VARCHAR],
];

/**
 * The Fingertips confidence limits as SQL functions — rate_lower(count, denominator, per, confidence),
 * rate_upper(…), prop_lower(x, n, confidence), prop_upper(…) and fingertips_compare(lower, upper, comparator) —
 * for saved analyses and analysts' own SQL alike.
 * DuckDB keeps them for the whole database once registered, so this runs once when a workspace opens.
 */
export function registerStatsFunctions(connection: DuckDBConnection): void {
  for (const [name, arity, compute, returns] of functions) {
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType: returns,
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
  registerChangeFunctions(connection);
}

import { BIGINT, DOUBLE, DuckDBScalarFunction, LIST, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { adjustedLimit, betweenVariance, dispersion, funnelLowerRate, funnelUpperRate } from '../../shared/stats/funnel';
import { priorityScore } from '../../shared/priorities/morile';
import { rateRatioLower, rateRatioP, rateRatioUpper } from '../../shared/stats/rateRatio';
import { xmrLimits, xmrSignals } from '../../shared/stats/spc';
import { trendTest } from '../../shared/stats/trendTest';

type Value = number | string | number[];
interface Definition {
  name: string;
  parameters: DuckDBType[];
  returns: DuckDBType;
  compute: (...args: Value[]) => number | string | null;
}

const D = DOUBLE;
const LD = LIST(DOUBLE);
const numbers = (v: Value) => v as number[];

/** Non-finite results (an upper limit with no events to compare with) are NULL in SQL: unknown, not a number. */
const finite = (n: number) => (Number.isFinite(n) ? n : null);

const definitions: Definition[] = [
  // The rate ratio of x1 events in exposure t1 to x2 in t2, with exact limits (R's poisson.test).
  { name: 'rate_ratio_lower', parameters: [D, D, D, D, D], returns: D, compute: (x1, t1, x2, t2, c) => finite(rateRatioLower(x1 as number, t1 as number, x2 as number, t2 as number, c as number)) },
  { name: 'rate_ratio_upper', parameters: [D, D, D, D, D], returns: D, compute: (x1, t1, x2, t2, c) => finite(rateRatioUpper(x1 as number, t1 as number, x2 as number, t2 as number, c as number)) },
  { name: 'rate_ratio_p', parameters: [D, D, D, D], returns: D, compute: (x1, t1, x2, t2) => finite(rateRatioP(x1 as number, t1 as number, x2 as number, t2 as number)) },
  // Funnel limits at a population around an average rate, both per `per` (PHEindicatormethods, Poisson).
  { name: 'funnel_lower', parameters: [D, D, D, D], returns: D, compute: (n, avg, per, c) => finite(funnelLowerRate(n as number, avg as number, per as number, c as number)) },
  { name: 'funnel_upper', parameters: [D, D, D, D], returns: D, compute: (n, avg, per, c) => finite(funnelUpperRate(n as number, avg as number, per as number, c as number)) },
  // Spiegelhalter's overdispersion: φ from the areas' z-scores, τ² from them and their standard errors (of rates per
  // person, so τ² is per person too), and the limits; od_limit's side is −1 (lower) or 1 (upper).
  { name: 'od_phi', parameters: [LD], returns: D, compute: (z) => finite(dispersion(numbers(z))) },
  { name: 'od_tau2', parameters: [LD, LD], returns: D, compute: (z, s) => finite(betweenVariance(numbers(z), numbers(s))) },
  {
    name: 'od_limit',
    parameters: [D, D, D, D, D, VARCHAR, D, D],
    returns: D,
    compute: (n, avg, per, c, side, method, phi, tau2) => {
      if (method !== 'multiplicative' && method !== 'additive') throw new Error(`the method must be multiplicative or additive, not "${String(method)}"`);
      const p = per as number;
      return finite(adjustedLimit(n as number, (avg as number) / p, c as number, (side as number) < 0 ? -1 : 1, method, phi as number, tau2 as number) * p);
    },
  },
  // The Making Data Count signals at a 1-based position of a series, from the series' own XmR limits; NULL if none.
  {
    name: 'spc_signal',
    parameters: [LD, BIGINT],
    returns: VARCHAR,
    compute: (values, position) => {
      const series = numbers(values);
      const signals = xmrSignals(series, xmrLimits(series))[Number(position) - 1] ?? [];
      return signals.length ? signals.join('; ') : null;
    },
  },
  // Fingertips' chi-squared test for trend over the points given (events out of denominators, in time order).
  { name: 'trend_p', parameters: [LD, LD], returns: D, compute: (x, n) => finite(trendTest(numbers(x), numbers(n)).p) },
  {
    name: 'trend_direction',
    parameters: [LD, LD, D],
    returns: VARCHAR,
    compute: (x, n, c) => {
      const result = trendTest(numbers(x), numbers(n));
      if (!Number.isFinite(result.p)) return null;
      if (result.p >= 1 - (c as number)) return 'No significant change';
      return result.direction > 0 ? 'Increasing' : 'Decreasing';
    },
  },
  // The MoRiLE score of a priority's grades (shared/priorities/morile.ts), with the weights for individual and
  // community harm, public expectation and organisational position.
  {
    name: 'morile_score',
    parameters: [D, D, D, D, D, D, D, D, D],
    returns: D,
    compute: (ih, ch, l, pe, op, wi, wc, wp, wo) =>
      priorityScore(
        { individual_harm: ih as number, community_harm: ch as number, likelihood: l as number, public_expectation: pe as number, organisational_position: op as number, confidence: null },
        { individual: wi as number, community: wc as number, public_expectation: wp as number, organisational_position: wo as number },
      ),
  },
];

const plain = (value: unknown): Value => {
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'items' in value) return (value as { items: unknown[] }).items.map((v) => Number(v));
  return value as Value;
};

/**
 * The tested-change and comparison statistics as SQL functions, for library analyses and analysts' SQL alike:
 * rate_ratio_lower/upper/p, funnel_lower/upper, od_phi, od_tau2, od_limit, spc_signal, trend_p and trend_direction.
 * Registered beside the Fingertips limits (statsFunctions.ts) when a workspace opens.
 */
export function registerChangeFunctions(connection: DuckDBConnection): void {
  for (const { name, parameters, returns, compute } of definitions) {
    connection.registerScalarFunction(
      DuckDBScalarFunction.create({
        name,
        returnType: returns,
        parameterTypes: parameters,
        mainFunction: (info, input, output) => {
          const columns = parameters.map((_, i) => input.getColumnVector(i));
          for (let row = 0; row < input.rowCount; row++) {
            const args = columns.map((c) => c.getItem(row));
            if (args.some((a) => a === null)) {
              output.setItem(row, null);
              continue;
            }
            try {
              output.setItem(row, compute(...args.map(plain)));
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

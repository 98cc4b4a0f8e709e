import type { AnalysisMetadata } from '../../../../shared/analyses/schema';
import type { ChartContext } from '../../../../shared/charts/options';
import { provenanceNotes } from '../../../../shared/charts/figure';

/**
 * The chart's provenance on screen: folded under the chart, one click away, instead of taking a quarter of the
 * chart's height. The same lines are written on every exported chart (PNG, SVG, copy), where they travel with it.
 */
export function ChartProvenance({ analysis, context }: { analysis: AnalysisMetadata; context: ChartContext }) {
  return (
    <details className="chart-provenance">
      <summary>Source and method</summary>
      <ul>
        {provenanceNotes(analysis, context).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

import type { ChartType } from '../../../../shared/analyses/schema';
import type { ChartOptions } from '../../../../shared/charts/options';

const typeNames: Record<ChartType, string> = {
  'interval-bars': 'Bars with intervals',
  bars: 'Bars',
  'ward-ranking': 'Ward ranking',
  trend: 'Trend',
  stacked: 'Stacked mix',
  pyramid: 'Pyramid',
  scatter: 'Scatter',
  choropleth: 'Ward map',
  table: 'Table',
  'ratio-intervals': 'Ratios with intervals',
  xmr: 'SPC (XmR) chart',
  funnel: 'Funnel plot',
  spine: 'Spine chart',
  matrix: 'Matrix',
};

interface Props {
  options: ChartOptions;
  onChange: (options: ChartOptions) => void;
  types: ChartType[];
  filter?: { label: string; choices: (string | null)[] };
  measures?: string[];
}

/** What the analyst may change about a chart: type, words, order, colours, and which rows or measures it draws. */
export function ChartEditor({ options, onChange, types, filter, measures }: Props) {
  const set = (patch: Partial<ChartOptions>) => onChange({ ...options, ...patch });
  return (
    <fieldset className="chart-editor">
      <legend>Chart</legend>
      <label>
        Chart type
        <select value={options.type} onChange={(e) => set({ type: e.target.value as ChartType })}>
          {types.map((t) => (
            <option key={t} value={t}>
              {typeNames[t]}
            </option>
          ))}
        </select>
      </label>
      {filter && filter.choices.length > 1 && (
        <label>
          {filter.label}
          <select value={options.filterValue ?? ''} onChange={(e) => set({ filterValue: e.target.value === '' ? null : e.target.value })}>
            {filter.choices.map((c) => (
              <option key={c ?? ''} value={c ?? ''}>
                {c ?? '(totals)'}
              </option>
            ))}
          </select>
        </label>
      )}
      {measures && options.type === 'scatter' && (
        <>
          <label>
            Across
            <select value={options.xMeasure ?? ''} onChange={(e) => set({ xMeasure: e.target.value, xLabel: e.target.value })}>
              {measures.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
          <label>
            Up
            <select value={options.yMeasure ?? ''} onChange={(e) => set({ yMeasure: e.target.value, yLabel: e.target.value })}>
              {measures.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          </label>
        </>
      )}
      <label className="wide">
        Title
        <input value={options.title} onChange={(e) => set({ title: e.target.value })} />
      </label>
      <label className="wide">
        Subtitle
        <input value={options.subtitle} onChange={(e) => set({ subtitle: e.target.value })} />
      </label>
      <label>
        Category label
        <input value={options.xLabel} onChange={(e) => set({ xLabel: e.target.value })} />
      </label>
      <label>
        Value label
        <input value={options.yLabel} onChange={(e) => set({ yLabel: e.target.value })} />
      </label>
      <label>
        Order
        <select value={options.sort} onChange={(e) => set({ sort: e.target.value as ChartOptions['sort'] })}>
          <option value="data">As the analysis gives it</option>
          <option value="descending">Largest first</option>
          <option value="ascending">Smallest first</option>
        </select>
      </label>
      <label>
        Colours
        <select value={options.palette} onChange={(e) => set({ palette: e.target.value as ChartOptions['palette'] })}>
          <option value="board">Board (colour-blind safe)</option>
          <option value="greyscale">Greyscale (for printing)</option>
        </select>
      </label>
      <label>
        Main colour
        <input type="color" value={options.colour ?? '#0072B2'} onChange={(e) => set({ colour: e.target.value })} />
      </label>
    </fieldset>
  );
}

import type PlotlyModule from 'plotly.js-dist-min';

type Plotly = typeof PlotlyModule;
let loading: Promise<Plotly> | null = null;

/** plotly is large (about 4 MB), so it loads on first use from the app's own files, never from a CDN. */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-dist-min').then((m) => (m as unknown as { default: Plotly }).default ?? (m as unknown as Plotly));
  return loading;
}

/**
 * Every chart is static for export and offline: no mode bar links to plotly's cloud, no "edit in Chart Studio", and
 * no topojson URL (the app's maps are drawn from the workspace's own boundaries).
 */
export const plotlyConfig = {
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  responsive: false,
  modeBarButtonsToRemove: ['toImage', 'sendDataToCloud', 'lasso2d', 'select2d'],
  topojsonURL: '',
};

import type PlotlyModule from 'plotly.js-dist-min';

type Plotly = typeof PlotlyModule;
let loading: Promise<Plotly> | null = null;

/**
 * plotly is large (about 4 MB), so it loads from the app's own files, never from a CDN: early, while the app is idle
 * after it opens (preloadPlotly), so that the first chart of a session does not wait seconds for it.
 */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-dist-min').then((m) => (m as unknown as { default: Plotly }).default ?? (m as unknown as Plotly));
  return loading;
}

/** Starts loading plotly once the app has drawn and the browser is idle; the first chart then draws at once. */
export function preloadPlotly(): void {
  const start = () => void loadPlotly().catch(() => undefined); // a failure resurfaces, with its message, on first use
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(start, { timeout: 3000 });
  else setTimeout(start, 1000);
}

/**
 * Every chart is static for export and offline: no mode bar links to plotly's cloud, no "edit in Chart Studio", and
 * no topojson URL (the app's maps are drawn from the workspace's own boundaries).
 */
export const plotlyConfig = {
  // No zoom or pan toolbar: charts here are figures for a paper, read as drawn; exports have their own buttons.
  displayModeBar: false,
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  responsive: false,
  modeBarButtonsToRemove: ['toImage', 'sendDataToCloud', 'lasso2d', 'select2d'],
  topojsonURL: '',
};

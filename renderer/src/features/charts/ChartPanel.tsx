import { useEffect, useMemo, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { AnalysisMetadata } from '../../../../shared/analyses/schema';
import { buildFigure } from '../../../../shared/charts/figure';
import { exportFileName } from '../../../../shared/format/fileNames';
import { chartContext, defaultOptions, initialOptions } from '../../../../shared/charts/fromPrepared';
import { chartTypeChoices, columnLabel, filterChoices, type ChartOptions } from '../../../../shared/charts/options';
import { measuresOf } from '../../../../shared/charts/scatter';
import { useApi } from '../../api/ApiContext';
import { ChartEditor } from './ChartEditor';
import { ChartProvenance } from './ChartProvenance';
import { figurePng, figureSvg } from './chartImage';
import { loadPlotly, plotlyConfig } from './loadPlotly';
import { ThresholdInput } from './ThresholdInput';
import { base64Blob, saveFile } from './saveFile';

type Prepared = Output<'exports.prepare'>;

/**
 * An analysis result's chart in the board-paper theme, editable, with its exports: PNG at print resolution, SVG,
 * copy to the clipboard, and the table as CSV or XLSX. Everything is suppressed at the threshold chosen here.
 */
export function ChartPanel({ analysis, resultId }: { analysis: AnalysisMetadata; resultId: string }) {
  const api = useApi();
  const [threshold, setThreshold] = useState(5);
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  const [options, setOptions] = useState<ChartOptions | null>(null);
  const [status, setStatus] = useState<{ text: string; error?: boolean } | null>(null);
  const plot = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLElement>(null);
  // The panel's width, measured before the first draw so the chart is drawn once, at the size it is shown.
  const [panelWidth, setPanelWidth] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    void api['exports.prepare']({ resultId, suppression: { threshold } }).then((outcome) => {
      if (!live) return;
      if (!outcome.ok) return setStatus({ text: outcome.error.message, error: true });
      setPrepared(outcome.value);
      setOptions((current) => current ?? initialOptions(analysis, outcome.value));
    });
    return () => {
      live = false;
    };
  }, [api, resultId, threshold, analysis]);

  const figure = useMemo(
    () => (prepared && options && panelWidth ? buildFigure(analysis, prepared.rows, options, { ...chartContext(prepared), screenWidth: panelWidth }) : null),
    [analysis, prepared, options, panelWidth],
  );

  useEffect(() => {
    const root = plot.current;
    if (!root || !figure) return;
    let live = true;
    void loadPlotly().then((plotly) => {
      if (live) void plotly.react(root, figure.data, figure.layout, plotlyConfig);
    });
    return () => {
      live = false;
    };
  }, [figure]);
  // The chart is drawn at the panel's width (less the frame's border), and redrawn when the window or the sidebar
  // changes it: type keeps its size at 1024 px and the chart grows on a wide screen. Exports keep their fixed size.
  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setPanelWidth(Math.floor(entry.contentRect.width) - 2));
    observer.observe(element);
    return () => observer.disconnect();
  }, [prepared]);
  useEffect(() => {
    const root = plot.current;
    return () => {
      if (root) void loadPlotly().then((plotly) => plotly.purge(root));
    };
  }, []);

  // The same name the table's export gets from the engine: crime-rates-Lichfield.png beside crime-rates-Lichfield.csv.
  const fileName = (extension: string) => exportFileName(analysis.id, prepared?.area, extension);
  // A save says which file it wrote; other actions that they are done.
  const act = async (label: string, work: () => Promise<string | void>) => {
    setStatus({ text: `${label}…` });
    try {
      const said = await work();
      setStatus({ text: said ?? `${label}: done.` });
    } catch (error) {
      setStatus({ text: `${label} failed: ${(error as Error).message}`, error: true });
    }
  };
  // Kept in the workspace: the app and board packs start from it next time. The subtitle (this run's area and period)
  // is refreshed on use.
  const saveChart = async (saved: ChartOptions | null) => {
    const outcome = await api['charts.save']({ analysisId: analysis.id, options: saved });
    if (!outcome.ok) throw new Error(outcome.error.message);
  };
  const table = (format: 'csv' | 'xlsx') =>
    act(`Exporting ${format.toUpperCase()}`, async () => {
      const outcome = await api['exports.table']({ resultId, format, suppression: { threshold } });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return saveFile(outcome.value.fileName, base64Blob(outcome.value.base64, outcome.value.mimeType));
    });

  if (!prepared || !options) return <p className="muted">{status?.text ?? 'Drawing the chart…'}</p>;
  // What is exported carries the moment of export, not of the run.
  const exportFigure = () => buildFigure(analysis, prepared.rows, options, chartContext(prepared, new Date().toISOString()));
  const filterColumn = analysis.chart.filter?.column;
  return (
    <section ref={panel} className="chart-panel" aria-label={`${analysis.title} chart`}>
      <figure className="chart-frame">
        <div ref={plot} className="chart-plot" style={figure ? { width: Number(figure.layout.width), height: Number(figure.layout.height) } : undefined} />
        <figcaption className="visually-hidden">
          {options.title}. {options.subtitle}. The figures are in the table below.
        </figcaption>
        <ChartProvenance analysis={analysis} context={chartContext(prepared)} />
      </figure>
      <div className="chart-side">
        <div className="chart-edit-column">
          <ChartEditor
            options={options}
            onChange={setOptions}
            types={chartTypeChoices(analysis)}
            filter={filterColumn ? { label: `Show ${columnLabel(analysis, filterColumn).toLowerCase()}`, choices: filterChoices(analysis, prepared.rows) } : undefined}
            measures={analysis.chart.type === 'scatter' ? measuresOf(prepared.rows, analysis.chart.x!) : undefined}
          />
          <div className="button-row">
            <button type="button" onClick={() => void act('Saving the chart for this analysis', () => saveChart(options))}>
              Save as this analysis's chart
            </button>
            <button
              type="button"
              onClick={() =>
                void act('Restoring the default chart', async () => {
                  await saveChart(null);
                  setOptions(defaultOptions(analysis, prepared));
                })
              }
            >
              Default chart
            </button>
          </div>
        </div>
        <fieldset className="chart-exports">
          <legend>Export</legend>
          <ThresholdInput value={threshold} onChange={setThreshold} />
          <div className="button-row">
            <button type="button" onClick={() => void act('Saving PNG', async () => saveFile(fileName('png'), await figurePng(exportFigure())))}>
              Download PNG
            </button>
            <button type="button" onClick={() => void act('Saving SVG', async () => saveFile(fileName('svg'), new Blob([await figureSvg(exportFigure())], { type: 'image/svg+xml' })))}>
              Download SVG
            </button>
            <button
              type="button"
              onClick={() =>
                void act('Copying the chart', async () => {
                  // The clipboard takes a promise, so the copy stays inside the click's user activation.
                  await navigator.clipboard.write([new ClipboardItem({ 'image/png': figurePng(exportFigure()) })]);
                })
              }
            >
              Copy chart
            </button>
            <button type="button" onClick={() => void table('csv')}>
              Download table (CSV)
            </button>
            <button type="button" onClick={() => void table('xlsx')}>
              Download table (XLSX)
            </button>
          </div>
          <p className="muted small">{prepared.statement}</p>
        </fieldset>
        {status && (
          <p role={status.error ? 'alert' : 'status'} className={status.error ? 'error' : 'muted'}>
            {status.text}
          </p>
        )}
      </div>
    </section>
  );
}

import type { Output } from '../../../../shared/api';
import { keyPointsFor } from '../../../../shared/exports/keyPoints';

type Prepared = Output<'exports.prepare'>;

export interface PreviewSection {
  prepared: Prepared;
  chart: { filterValue?: string | null; xMeasure?: string; yMeasure?: string };
  /** The chart as drawn for the pack, base64 PNG, and any further figures (the offenders' half of a profile). */
  chartPng: string;
  morePngs?: string[];
}

const heading = (p: Prepared) => `${p.title}${p.area ? `: ${p.area}` : ''}`;

/**
 * The pack's pages as a reader will see them, before it is saved: the title page with its marking, the contents,
 * the summary of key points, then each section with its key points, numbered chart and table. Drawn from the same
 * key points and charts the document is written from.
 */
export function PackPreview({ title, marking, sections }: { title: string; marking: string; sections: PreviewSection[] }) {
  const points = sections.map((s) =>
    s.prepared.analysis ? keyPointsFor(s.prepared.analysis, s.prepared.rows, { area: s.prepared.area, comparator: s.prepared.comparator, parameters: s.prepared.provenance.parameters }, s.chart).map((p) => p.text) : [],
  );
  // As in the document, a section's warnings (data that does not cover its period) come before its key points.
  const warnings = sections.map((s) => (s.prepared.provenance.warnings ?? []).map((w) => `Warning: ${w}`));
  // Figures are numbered through the pack, a profile's two halves each a figure.
  const figureNumbers = sections.map((_, k) => 1 + sections.slice(0, k).reduce((n, s) => n + 1 + (s.morePngs?.length ?? 0), 0));
  const Page = ({ children, label }: { children: React.ReactNode; label: string }) => (
    <li className="pack-page" aria-label={label}>
      <div className="pack-marking">{marking}</div>
      {children}
    </li>
  );
  return (
    // Focusable so the pages scroll from the keyboard.
    <ol className="pack-preview" aria-label="Pack preview" tabIndex={0}>
      <Page label="Title page">
        <div className="pack-marking pack-title-marking">{marking}</div>
        <h4 className="pack-title">{title}</h4>
        <p>{[...new Set(sections.map((s) => s.prepared.area).filter(Boolean))].join(', ')}</p>
        <p className="muted">{[...new Set(sections.map((s) => s.prepared.period).filter(Boolean))].join('; ')}</p>
      </Page>
      <Page label="Contents">
        <h5>Contents</h5>
        <ul>
          {['Summary of key points', ...sections.map((s) => heading(s.prepared)), 'Appendix: methods and sources'].map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </Page>
      <Page label="Summary of key points">
        <h5>Summary of key points</h5>
        <ul>
          {sections.map((s, k) =>
            points[k][0] ? (
              <li key={s.prepared.title}>
                <b>{s.prepared.title}.</b> {points[k][0]}
              </li>
            ) : null,
          )}
        </ul>
      </Page>
      {sections.map((s, k) => (
        <Page key={`${s.prepared.title}-${k}`} label={heading(s.prepared)}>
          <h5>{heading(s.prepared)}</h5>
          {(points[k].length > 0 || warnings[k].length > 0) && (
            <ul>
              {[...warnings[k], ...points[k]].map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          {[s.chartPng, ...(s.morePngs ?? [])].map((chart, c) => (
            <figure key={c}>
              <img src={`data:image/png;base64,${chart}`} alt={`Figure ${figureNumbers[k] + c}: ${heading(s.prepared)}`} />
              <figcaption className="pack-caption">
                Figure {figureNumbers[k] + c}: {heading(s.prepared)}
              </figcaption>
            </figure>
          ))}
          <p className="pack-caption">
            Table {k + 1}: {heading(s.prepared)}
          </p>
        </Page>
      ))}
    </ol>
  );
}

import { describe, expect, it } from 'vitest';
import { analyses } from '../../shared/analyses/registry';
import { buildFigure, printSize } from '../../shared/charts/figure';
import { defaultChartOptions } from '../../shared/charts/options';
import { palettes } from '../../shared/charts/theme';

/** Every font size anywhere in a figure (titles, ticks, legends, trace labels, notes), with where it is. */
function fontSizes(value: unknown, at = ''): { at: string; size: number }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => fontSizes(v, `${at}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => {
    if (/font$/i.test(key) && v && typeof v === 'object' && typeof (v as { size?: unknown }).size === 'number') return [{ at: `${at}.${key}`, size: (v as { size: number }).size }, ...fontSizes(v, `${at}.${key}`)];
    if (key === 'uniformtext' && v && typeof v === 'object') return [{ at: `${at}.uniformtext`, size: Number((v as { minsize?: number }).minsize ?? printSize.minFont) }];
    return fontSizes(v, `${at}.${key}`);
  });
}

/** Rows of the shapes each chart type draws, with a hidden value and one with no data. */
const rowsFor = (id: string) => {
  const analysis = analyses.find((a) => a.id === id)!;
  const { x, y, series, filter, label } = analysis.chart;
  return Array.from({ length: 6 }, (_, i) => ({
    ...Object.fromEntries(analysis.columns.map((c) => [c.name, c.format === 'text' ? `${c.name} ${i}` : i + 1])),
    [x!]: `Category ${i} with a long name`,
    [y!]: i === 2 ? null : 10 + i,
    ...(series ? { [series]: i % 2 ? 'F' : 'M' } : {}),
    ...(filter ? { [filter.column]: filter.value } : {}),
    ...(label ? { [label]: `Ward ${i % 3}` } : {}),
  }));
};
const context = { area: 'Lichfield', comparator: 'Staffordshire', period: '1 April 2018 to 31 March 2019', source: 'Source: test.' };

/** Charts drawn for a board pack's page: the text block's width, and no type that prints under 9 pt. */
describe('charts drawn for print', () => {
  it.each(analyses.map((a) => a.id))('%s: 680 px wide, every font at least 14 px (9.3 pt at 6.27 in), no provenance notes repeated', (id) => {
    const analysis = analyses.find((a) => a.id === id)!;
    const options = defaultChartOptions(analysis, context);
    const figure = buildFigure(analysis, rowsFor(id), options, { ...context, print: true });
    expect(figure.layout.width).toBe(printSize.width);
    // Placed at the text block's width (6.27 in = 451 pt), a pixel prints at 451 / 680 pt.
    const sizes = fontSizes(figure);
    expect(sizes.length).toBeGreaterThan(0);
    for (const { at, size } of sizes) expect((size * 451) / printSize.width, at).toBeGreaterThanOrEqual(9);
    expect(JSON.stringify(figure.layout.annotations)).not.toContain('Source: test.');
    // No empty subtitle line under the title.
    const title = figure.layout.title as { subtitle?: { text: string } };
    if (title.subtitle) expect(title.subtitle.text.trim()).not.toBe('');
  });

  it('draws the offence mix with a legend naming each part once', () => {
    const analysis = analyses.find((a) => a.id === 'flag-profile')!;
    const rows = [
      { offence_group: 'Violence against the Person', offence_subgroup: null, count: 10, pct: 80 },
      { offence_group: 'Violence against the Person', offence_subgroup: 'Stalking and Harassment', count: 4, pct: 40 },
      { offence_group: 'Violence against the Person', offence_subgroup: 'Violence with injury', count: 4, pct: 40 },
      { offence_group: 'Theft', offence_subgroup: null, count: 2, pct: 20 },
    ];
    const figure = buildFigure(analysis, rows, defaultChartOptions(analysis, context), { ...context, print: true });
    const named = figure.data.filter((t) => t.showlegend === true).map((t) => t.name);
    expect(named).toEqual(['Stalking and Harassment', 'Violence with injury', 'Whole group']);
    expect(figure.layout.showlegend).toBe(true);
  });

  it("leaves a chart's notes out of its image for the page, and hands them to the pack's text", () => {
    const analysis = analyses.find((a) => a.id === 'crime-rates')!;
    const rows = [
      { offence_group: 'Total Recorded Crime', offence_subgroup: null, area_count: 6118, area_rate: 58.8, area_lower: 57.3, area_upper: 60.3, comparator_count: 86000, comparator_rate: 76.1, comparison: 'Lower' },
      { offence_group: 'Burglary', offence_subgroup: null, area_count: 614, area_rate: 5.9, area_lower: 5.4, area_upper: 6.4, comparator_count: 5900, comparator_rate: 5.2, comparison: 'Higher' },
    ];
    const note = 'Not drawn, to keep the scale readable: Total Recorded Crime, 58.8 (Staffordshire 76.1).';
    const paper = buildFigure(analysis, rows, defaultChartOptions(analysis, context), { ...context, print: true });
    expect(paper.notes).toEqual([note]);
    expect(JSON.stringify(paper.layout.annotations ?? [])).not.toContain('Not drawn');
    // An exported image keeps its notes (and its provenance) on the chart itself.
    const image = buildFigure(analysis, rows, defaultChartOptions(analysis, context), context);
    expect(image.notes).toBeUndefined();
    expect(JSON.stringify(image.layout.annotations)).toContain('Not drawn, to keep the scale readable: Total Recorded Crime');
  });

  it('marks a value missing for lack of data as no data, not as suppression', () => {
    const analysis = analyses.find((a) => a.id === 'mosaic-disproportionality')!;
    const rows = ['Family Basics', 'Rural Reality'].map((group, i) => ({ group, pct_population: null, pct_victims: 10 + i, victims: 400 + i, index: null }));
    const figure = buildFigure(analysis, rows, defaultChartOptions(analysis, context), context);
    const names = figure.data.map((t) => t.name);
    expect(names).toContain('– no data (not suppression)');
    expect(names).not.toContain('[c] hidden: small numbers');
    const hidden = buildFigure(analysis, [{ group: 'Family Basics', pct_population: 5, pct_victims: null, victims: null, index: null }], defaultChartOptions(analysis, context), context);
    expect(hidden.data.map((t) => t.name)).toContain('[c] hidden: small numbers');
  });

  it('keeps neighbouring greys of the greyscale palette far apart', () => {
    const grey = (hex: string) => parseInt(hex.slice(1, 3), 16);
    const greys = palettes.greyscale.map(grey);
    for (let k = 1; k < greys.length; k++) expect(Math.abs(greys[k] - greys[k - 1]), `${palettes.greyscale[k - 1]} beside ${palettes.greyscale[k]}`).toBeGreaterThanOrEqual(0x30);
    // The two series a grouped bar or a pyramid draws (first and second, first and fourth) are far apart too.
    expect(Math.abs(greys[1] - greys[0])).toBeGreaterThanOrEqual(0x60);
    expect(Math.abs(greys[3] - greys[0])).toBeGreaterThanOrEqual(0x60);
  });
});

import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../electron/engine';
import { TEXT_WIDTH_TWIPS } from '../../electron/engine/exports/packTable';
import { sampleWorkspace } from '../support/sampleWorkspace';
import { analyses } from '../../shared/analyses/registry';
import { assessmentSet } from '../../shared/exports/assessmentSet';
import { parseXml, readDocx } from '../support/docx';
import { solidPng } from '../support/png';
import { tempDir } from '../support/tempWorkspace';

/** A real PNG of a print chart's size (solid grey), standing in for the renderer's chart in these engine tests. */
const png = (width: number, height: number) => solidPng(width, height, 1);

type Node = ReturnType<typeof parseXml>;
const all = (node: Node, name: string): Node[] => node.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
const textOf = (node: Node): string => all(node, 'w:t').map((t) => t.text).join('');
const styleOf = (p: Node) => all(p, 'w:pStyle')[0]?.attributes['w:val'];
/** 9 pt Arial's widest common letters are about 0.6 em: a word needs at least this many twips, plus cell margins. */
const wordTwips = (word: string) => word.length * 0.6 * 9 * 20 * 0.9 + 140;
const EMU_PER_TWIP = 635;

/** The Word document itself, read as a board reader's word processor would: pages, contents, figures, tables. */
const totalNote = 'Not drawn, to keep the scale readable: Total Recorded Crime, 58.8 (Staffordshire 76.1).';

describe('the board pack as a document (Lichfield, the assessment set, 2018–19)', () => {
  const { dir, cleanup } = tempDir('csw-pack-doc-');
  let engine: Engine;
  let bytes: Buffer;
  // Built once for the file: the sample workspace takes about 15 seconds.
  beforeAll(async () => {
    const file = path.join(dir, 'sample.duckdb');
    await sampleWorkspace(file);
    engine = await createEngine(file, { backups: false });
    const listed = await engine.invoke('analyses.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const sections = [];
    for (const [i, id] of assessmentSet(listed.value.analyses).entries()) {
      const analysis = analyses.find((a) => a.id === id)!;
      const params = Object.fromEntries(Object.entries({ area: 'Lichfield', from: '2018-04-01', to: '2019-03-31' }).filter(([k]) => analysis.parameters.some((p) => p.name === k)));
      const run = await engine.invoke('analyses.run', { id, params, operationId: `op-doc-${id}` });
      if (!run.ok) throw new Error(run.error.message);
      // Charts of the sizes the renderer draws for print: 680 CSS px across at scale 3, some of them tall.
      // The crime rates' chart carries a note, as the chart code gives it (a total it does not draw).
      const notes = id === 'crime-rates' ? { chartNotes: [totalNote] } : {};
      sections.push({ resultId: run.value.resultId, chartPng: png(2040 - i, 1300 + (i % 3) * 500).toString('base64'), ...notes });
    }
    const pack = await engine.invoke('exports.boardPack', { title: 'Lichfield Community Safety Partnership: strategic assessment', sections, suppression: { threshold: 5 }, marking: 'OFFICIAL-SENSITIVE' });
    if (!pack.ok) throw new Error(pack.error.message);
    bytes = Buffer.from(pack.value.base64, 'base64');
  }, 180_000);
  afterAll(() => {
    engine?.close();
    cleanup();
  });

  const document = async () => parseXml(await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'));

  it('carries the protective marking in the header of every page, and on the title page', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const doc = await document();
    const sections = all(doc, 'w:sectPr');
    expect(sections.length).toBeGreaterThan(0);
    for (const section of sections) {
      // A default header with no different first page: the same header on every page, the title page included.
      expect(all(section, 'w:headerReference').map((h) => h.attributes['w:type'])).toEqual(['default']);
      expect(all(section, 'w:titlePg')).toEqual([]);
    }
    const headers = await Promise.all(zip.file(/^word\/header\d*\.xml$/).map(async (f) => textOf(parseXml(await f.async('string')))));
    expect(headers).toEqual(['OFFICIAL-SENSITIVE']);
    const pack = await readDocx(bytes);
    expect(pack.text.startsWith('OFFICIAL-SENSITIVE')).toBe(true);
    expect(pack.footers.map((f) => textOf(parseXml(f))).join('')).toMatch(/OFFICIAL-SENSITIVE · exported .* · page /);
    // The export time in UK words and the user's own time zone, not "2026-12-01T08:14:00Z".
    expect(pack.footers.map((f) => textOf(parseXml(f))).join('')).toMatch(/ · exported \d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d · /);
    expect(pack.footers.map((f) => textOf(parseXml(f))).join('')).not.toMatch(/\d{4}-\d\d-\d\dT|UTC|Z · /);
  });

  it('defaults to OFFICIAL, and refuses a marking of more than one line', async () => {
    const run = await engine.invoke('analyses.run', { id: 'crime-rates', params: { area: 'Lichfield' }, operationId: 'op-doc-marking' });
    if (!run.ok) throw new Error(run.error.message);
    const plain = await engine.invoke('exports.boardPack', { title: 'T', sections: [{ resultId: run.value.resultId }] });
    if (!plain.ok) throw new Error(plain.error.message);
    const zip = await JSZip.loadAsync(Buffer.from(plain.value.base64, 'base64'));
    expect(textOf(parseXml(await zip.file('word/header1.xml')!.async('string')))).toBe('OFFICIAL');
    const refused = await engine.invoke('exports.boardPack', { title: 'T', sections: [{ resultId: run.value.resultId }], marking: 'OFFICIAL\nSECRET' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/marking: must be one line/);
  });

  it('has contents: a Word TOC field whose entries are the sections, with page numbers in order', async () => {
    const doc = await document();
    expect(all(doc, 'w:instrText').map((i) => i.text.trim())).toContain('TOC \\h \\o "1-1"');
    const pack = await readDocx(bytes);
    const entries = all(doc, 'w:p').filter((p) => styleOf(p) === 'TOC1').map(textOf);
    const headings = pack.headings('Heading1');
    expect(headings[0]).toBe('Summary of key points');
    expect(headings.at(-1)).toBe('Appendix: methods and sources');
    expect(entries.map((e) => e.replace(/\d+$/, ''))).toEqual(headings);
    const pages = entries.map((e) => Number(/(\d+)$/.exec(e)?.[1]));
    expect(pages.every((n) => Number.isInteger(n))).toBe(true);
    // Title page, contents, then the summary on page 3; every section starts on a later page than the one before.
    expect(pages[0]).toBe(3);
    for (let k = 1; k < pages.length; k++) expect(pages[k]).toBeGreaterThan(pages[k - 1]);
  });

  it('leads with a one-page summary: each section\'s headline key point under its title', async () => {
    const doc = await document();
    const paragraphs = all(doc, 'w:p');
    const start = paragraphs.findIndex((p) => styleOf(p) === 'Heading1' && textOf(p) === 'Summary of key points');
    const end = paragraphs.findIndex((p, k) => k > start && styleOf(p) === 'Heading1');
    const bullets = paragraphs.slice(start + 1, end).map(textOf);
    const sections = (await readDocx(bytes)).headings('Heading1').slice(1, -1);
    expect(bullets).toHaveLength(sections.length);
    // The assessment leads with the area's profile and its priorities (issue 22), then the figures behind them.
    expect(bullets[0]).toBe('Area profile. Of the 34 measures, 4 are higher than Staffordshire, 27 lower and 3 similar, by the 95% confidence interval.');
    expect(bullets).toContain('Rates of recorded crime. The total recorded crime rate is lower than Staffordshire: 58.8 vs 76.1 per 1,000.');
    // 31 sections since issue 22: about 4,800 characters at 9.5 pt, which LibreOffice lays out on two pages
    // (tests/e2e/boardPackLayout.test.ts holds the first section to page 5).
    expect(bullets.join(' ').length).toBeLessThan(6800);
  });

  it('numbers its figures and tables, one of each per section, in order', async () => {
    const doc = await document();
    const captions = all(doc, 'w:p').filter((p) => styleOf(p) === 'Caption').map(textOf);
    const figures = captions.filter((c) => c.startsWith('Figure'));
    const tables = captions.filter((c) => c.startsWith('Table'));
    const pack = await readDocx(bytes);
    expect(figures).toHaveLength(pack.media.length);
    expect(tables).toHaveLength(pack.tables.length);
    figures.forEach((c, k) => expect(c).toMatch(new RegExp(`^Figure ${k + 1}: .+: Lichfield$`)));
    tables.forEach((c, k) => expect(c).toMatch(new RegExp(`^Table ${k + 1}: .+: Lichfield$`)));
  });

  it("prints a chart's notes as text under its caption, not in the image", async () => {
    const paragraphs = all(await document(), 'w:p');
    const caption = paragraphs.findIndex((p) => styleOf(p) === 'Caption' && /^Figure \d+: Rates of recorded crime: Lichfield$/.test(textOf(p)));
    expect(caption).toBeGreaterThan(0);
    expect(textOf(paragraphs[caption + 1])).toBe(totalNote);
    expect(paragraphs.filter((p) => textOf(p) === totalNote)).toHaveLength(1);
  });

  it('places every chart within the text block and no taller than a page allows', async () => {
    const doc = await document();
    const extents = all(doc, 'wp:extent').map((e) => ({ cx: Number(e.attributes.cx), cy: Number(e.attributes.cy) }));
    expect(extents.length).toBe((await readDocx(bytes)).media.length);
    for (const { cx, cy } of extents) {
      expect(cx).toBeLessThanOrEqual(TEXT_WIDTH_TWIPS * EMU_PER_TWIP);
      expect(cy).toBeLessThanOrEqual(6.2 * 914400);
    }
  });

  it('sets no text under 9 pt in the body, header or footer', async () => {
    const zip = await JSZip.loadAsync(bytes);
    for (const part of zip.file(/^word\/(document|header\d*|footer\d*)\.xml$/)) {
      const sizes = all(parseXml(await part.async('string')), 'w:sz').map((s) => Number(s.attributes['w:val']));
      expect(sizes.length, part.name).toBeGreaterThan(0);
      expect(Math.min(...sizes), part.name).toBeGreaterThanOrEqual(18);
    }
  });

  it('sizes table columns by their content: every word fits its column, and every table fits the text block', async () => {
    const doc = await document();
    for (const table of all(doc, 'w:tbl')) {
      const widths = all(table, 'w:gridCol').map((g) => Number(g.attributes['w:w']));
      expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(TEXT_WIDTH_TWIPS);
      for (const row of all(table, 'w:tr')) {
        all(row, 'w:tc').forEach((cell, c) => {
          for (const word of textOf(cell).split(/\s+/).filter(Boolean)) expect(wordTwips(word), `"${word}" in a column ${widths[c]} twips wide`).toBeLessThanOrEqual(widths[c]);
        });
      }
    }
  });

  it('shows labels, not codes: no ward codes, F/M, area/comparator/ward, SD method or min_base', async () => {
    const pack = await readDocx(bytes);
    const cells = pack.tables.flat(2);
    expect(cells.filter((c) => /^E0\d{7}$/.test(c))).toEqual([]);
    expect(cells.filter((c) => ['F', 'M', 'area', 'comparator', 'ward', 'victim', 'offender', 'sample'].includes(c))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(['Female', 'Male', 'Victims', 'Offenders', 'Area', 'Comparator', 'Ward']));
    const parameters = all(await document(), 'w:p').map(textOf).filter((t) => t.startsWith('Parameters: '));
    expect([...cells, ...parameters].join(' ')).not.toMatch(/SD method|min_base|sd_method/);
    expect(pack.text).not.toMatch(/for every row\.[^.]*(SD method|Standard deviation)/);
  });

  it('shows both halves of the victim and offender profile', async () => {
    const pack = await readDocx(bytes);
    const profile = pack.tables.find((t) => t[0].join('|') === 'Role|Age|Sex|People|Share of role')!;
    expect(new Set(profile.slice(1).map((r) => r[0]))).toEqual(new Set(['Victims', 'Offenders']));
    expect(pack.text).toMatch(/Victims: the largest groups are women aged 25-34/);
    expect(pack.text).toMatch(/Offenders: the largest groups are men aged 18-24/);
  });

  it('has no empty key-points heading, no "NaN", and no section that repeats another', async () => {
    const doc = await document();
    const paragraphs = all(doc, 'w:p');
    paragraphs.forEach((p, k) => {
      if (styleOf(p) === 'Heading2' && textOf(p) === 'Key points') expect(all(paragraphs[k + 1], 'w:numPr').length, `after Key points: ${textOf(paragraphs[k + 1])}`).toBe(1);
    });
    const pack = await readDocx(bytes);
    expect(pack.text).not.toMatch(/\bNaN\b|undefined|\[object/);
    const sections = pack.headings('Heading1');
    expect(new Set(sections).size).toBe(sections.length);
    expect(sections).not.toContain('Hotspot wards: Lichfield');
  });

  it('lists in the appendix only the parameters each analysis takes, by their labels', async () => {
    const pack = await readDocx(bytes);
    const doc = await document();
    const lines = all(doc, 'w:p').map(textOf).filter((t) => t.startsWith('Parameters: '));
    expect(lines).toHaveLength(pack.headings('Heading1').length - 2);
    const direction = lines[assessmentSet(analyses.map((a) => ({ ...a, source: 'library' }))).indexOf('direction-of-travel')];
    expect(direction).toBe('Parameters: Area: Lichfield; 12 months to: 2019-03-31');
    for (const line of lines) expect(line).not.toMatch(/\b(min_base|sd_method|per|confidence) =/);
  });

  it('writes no pack for Tamworth\'s Mosaic with "NaN" or an empty key-points heading', async () => {
    const run = await engine.invoke('analyses.run', { id: 'mosaic-disproportionality', params: { area: 'Tamworth', from: '2018-04-01', to: '2019-03-31' }, operationId: 'op-doc-mosaic' });
    if (!run.ok) throw new Error(run.error.message);
    const pack = await engine.invoke('exports.boardPack', { title: 'Tamworth', sections: [{ resultId: run.value.resultId }] });
    if (!pack.ok) throw new Error(pack.error.message);
    const docx = await readDocx(Buffer.from(pack.value.base64, 'base64'));
    expect(docx.text).not.toMatch(/NaN/);
    expect(docx.text).toMatch(/There is no population data for the Mosaic groups in Tamworth/);
    expect(docx.text).toMatch(/– : no figure, because there is no data to compute it from/);
  });
});

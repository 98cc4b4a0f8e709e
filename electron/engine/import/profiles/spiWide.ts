import { spiPart } from '../../../../shared/datasets/spiFramework';
import { EngineError } from '../../errors';
import type { ColumnSource, ImportPlan, Target } from '../plan';
import { stagedColumn } from '../plan';
import { column, findHeader } from './headers';

/** A wide SPI table: one row per area, one column per component (and perhaps per dimension and overall). */
export function isSpiWide(header: readonly string[]): boolean {
  return header.filter((h) => spiPart(h)?.component).length >= 3;
}

/**
 * Turns a wide SPI table long: one spi row per area and scored column, with the dimension from the SPI framework. The
 * year comes from a Year column, or else from a year in the file name (reported as a warning).
 */
export function spiWidePlan(header: readonly string[], fileName: string): ImportPlan {
  const code = findHeader(header, 'area code', 'ward code', 'code', /^WD\d\dCD$/i);
  const name = findHeader(header, 'area name', 'ward name', 'ward', 'name', 'area', /^WD\d\dNM$/i);
  if (name < 0) throw new EngineError('invalid_input', `This SPI table has no ward or area name column. Its columns are: ${header.join(', ')}.`);
  const yearColumn = findHeader(header, 'year');
  const yearFromName = /(?:^|[^0-9])((?:19|20)\d\d)(?:[^0-9]|$)/.exec(fileName)?.[1];
  if (yearColumn < 0 && !yearFromName) {
    throw new EngineError('invalid_input', 'This SPI table has no Year column and no year in its file name: add a Year column, or import it with a mapping profile whose constants give the year.');
  }
  const year: ColumnSource = yearColumn >= 0 ? column(header, yearColumn) : { from: 'constant', value: yearFromName! };
  const targets: Target[] = header.flatMap((h, index) => {
    const part = spiPart(h);
    if (!part) return [];
    return [
      {
        dataset: 'spi' as const,
        // An empty cell is no score, not a missing value to quarantine.
        where: `NULLIF(trim(${stagedColumn(index)}), '') IS NOT NULL`,
        columns: {
          area_code: code >= 0 ? column(header, code) : undefined,
          area_name: column(header, name),
          year,
          dimension: { from: 'constant', value: part.dimension },
          component: part.component ? { from: 'constant', value: part.component } : undefined,
          score: column(header, index),
        },
      },
    ];
  });
  return {
    profile: 'spi-wide',
    targets,
    trueValues: [],
    falseValues: [''],
    personColumns: [],
    mode: 'append',
    profileJson: { builtin: 'spi-wide', year: yearColumn >= 0 ? 'column' : yearFromName },
    warnings: yearColumn >= 0 ? [] : [`The year ${yearFromName} was taken from the file name.`],
  };
}

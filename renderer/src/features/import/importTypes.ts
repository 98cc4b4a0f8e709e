import type { Input } from '../../../../shared/api';
import { canonicalDatasets, datasetNames } from '../../../../shared/datasets/canonical';

export type ImportRequest = Omit<Input<'import.preview'>, 'profile'>;
export type ImportAs = ImportRequest['as'];

/** What the analyst can import a file as: a police.uk street-level file (crimes and ASB), or one canonical dataset. */
export const importTargets: { value: ImportAs; label: string }[] = [
  { value: 'police-uk', label: 'police.uk street-level file (crimes and ASB)' },
  ...datasetNames.map((name) => ({ value: name, label: canonicalDatasets[name].title })),
];

export const encodingChoices = ['utf-8', 'windows-1252', 'latin1', 'utf-16le'] as const;
export const delimiterChoices = [
  { value: ',', label: 'Comma (,)' },
  { value: '\t', label: 'Tab' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '|', label: 'Bar (|)' },
] as const;
export const dateFormatChoices = ['%Y-%m-%d', '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%m/%d/%Y', '%Y/%m/%d', '%d/%m/%y', '%Y-%m'];

/** How a date format reads to someone who does not know strftime. */
export const describeDateFormat = (format: string) =>
  format.replace('%Y', 'yyyy').replace('%y', 'yy').replace('%m', 'mm').replace('%d', 'dd').replace('%H', 'hh').replace('%M', 'mm').replace('%S', 'ss');

export const describeDelimiter = (delimiter: string) => delimiterChoices.find((d) => d.value === delimiter)?.label ?? JSON.stringify(delimiter);

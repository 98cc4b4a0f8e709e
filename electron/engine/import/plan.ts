import type { DatasetName } from '../../../shared/datasets/canonical';

/** Where a canonical column's value comes from, in terms of the staged file (all text, columns c0…cN). */
export type ColumnSource =
  | { from: 'column'; index: number; header: string }
  | { from: 'constant'; value: string }
  /** Engine-authored SQL over staged columns (never user text): derived values such as police.uk offence groups. */
  | {
      from: 'sql';
      sql: string;
      label: string;
      labelSql?: string;
      /** The staged columns the SQL reads, and nothing else (not `line`): lets checking compute it once per distinct value. */
      columns?: number[];
    };

export interface Target {
  dataset: DatasetName;
  /** Engine-authored SQL predicate over staged columns choosing this target's rows; absent means every row. */
  where?: string;
  columns: Partial<Record<string, ColumnSource>>;
}

/** How one file becomes canonical rows: every source row goes to the targets whose `where` it matches. */
export interface ImportPlan {
  /** 'police-uk', 'ons-lsoa-lookup', 'mapping:<name>'…: recorded with the import. */
  profile: string;
  targets: Target[];
  dateFormat?: string;
  timestampFormat?: string;
  trueValues: string[];
  falseValues: string[];
  /** Staged column indexes that hold person identifiers: hashed before they reach DuckDB. */
  personColumns: number[];
  /** Lookups replace rather than append, and rebuild the geography table. */
  mode: 'append' | 'lookup-lsoa' | 'lookup-district';
  /** The mapping actually used, saved with the import so next year's file can reuse it. */
  profileJson: unknown;
  /**
   * References that must stay one row each (police.uk, which counts every row): a reference shared by several rows of
   * the file, or already in the workspace, is replaced by `made` (SQL over the staged line) instead of quarantined.
   * `prefixSql`: SQL for how the row's made reference begins (its file's, when several files are checked as one);
   * `stem`: the text every made reference begins with, tested first so that the prefix is built only for rows with it.
   */
  uniqueRefs?: { dataset: DatasetName; made: string; prefixSql: string; stem: string };
  /** police.uk: the staged columns naming each row's force and month, for overlap with months already imported. */
  forceMonth?: { force: string; month: string };
  /** Things the user should know that are not errors (e.g. a year taken from the file name). */
  warnings?: string[];
}

export const stagedColumn = (index: number) => `c${index}`;

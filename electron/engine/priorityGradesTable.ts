/** The table of saved priority grades: every save a new version of an area's grades, never an overwrite. */
export const PRIORITY_GRADES_DDL = `CREATE TABLE IF NOT EXISTS csw_meta.priority_grades (
  area VARCHAR NOT NULL, version INTEGER NOT NULL, saved_at TIMESTAMP NOT NULL, saved_by VARCHAR NOT NULL,
  grades_json VARCHAR NOT NULL, PRIMARY KEY (area, version))`;

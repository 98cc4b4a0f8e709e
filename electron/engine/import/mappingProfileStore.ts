import type { DuckDBConnection } from '@duckdb/node-api';
import { mappingProfile, type MappingProfile } from '../../../shared/datasets/mappingProfile';
import { EngineError } from '../errors';

/** Named mapping profiles kept in the workspace (csw_meta.profiles), so next year's extract imports in one step. */
export async function saveMappingProfile(connection: DuckDBConnection, profile: MappingProfile): Promise<void> {
  if (!profile.name) throw new EngineError('invalid_input', 'A saved profile needs a name.');
  await connection.run(
    `INSERT OR REPLACE INTO csw_meta.profiles VALUES (?, ?, ?, now()::TIMESTAMP)`,
    [profile.name, profile.dataset, JSON.stringify(profile)],
  );
}

/** Whether exactly this profile is saved already: importing with it again then leaves the saved one as it was. */
export async function isSavedAsIs(connection: DuckDBConnection, profile: MappingProfile): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT profile_json FROM csw_meta.profiles WHERE name = ?', [profile.name ?? '']);
  return reader.getRows().length > 0 && String(reader.getRows()[0][0]) === JSON.stringify(profile);
}

export async function listMappingProfiles(connection: DuckDBConnection) {
  const reader = await connection.runAndReadAll(`SELECT name, dataset, profile_json, strftime(saved_at, '%Y-%m-%dT%H:%M:%S') FROM csw_meta.profiles ORDER BY name`);
  return reader.getRows().map(([name, dataset, json, savedAt]) => ({
    name: String(name),
    dataset: String(dataset),
    profile: mappingProfile.parse(JSON.parse(String(json))),
    saved_at: String(savedAt),
  }));
}

export async function loadMappingProfile(connection: DuckDBConnection, name: string): Promise<MappingProfile> {
  const reader = await connection.runAndReadAll('SELECT profile_json FROM csw_meta.profiles WHERE name = ?', [name]);
  const rows = reader.getRows();
  if (rows.length === 0) {
    const names = (await listMappingProfiles(connection)).map((p) => p.name);
    throw new EngineError('not_found', `There is no saved mapping profile called "${name}"${names.length ? ` (saved: ${names.join(', ')})` : ''}.`);
  }
  return mappingProfile.parse(JSON.parse(String(rows[0][0])));
}

-- Mosaic groups: share of residents against share of victims, and the index. Each victim counts once, in the group
-- of their most recent record; where the area has no Mosaic population the residents' shares are empty, and said so.
WITH places AS (
  SELECT lsoa_code AS code FROM geography WHERE district_code IN (SELECT code FROM area_districts)
  UNION SELECT ward_code FROM geography WHERE district_code IN (SELECT code FROM area_districts)
  UNION SELECT code FROM area_districts
),
residents AS (
  SELECT mosaic_group AS "group", sum(count) AS residents FROM mosaic
  WHERE area_code IN (SELECT code FROM places) AND (year IS NULL OR year = (SELECT max(year) FROM mosaic)) GROUP BY 1
),
victim_records AS (
  SELECT p.person_id, p.mosaic_group, c.recorded_date, c.crime_ref
  FROM crime_people p JOIN crimes c USING (crime_ref)
  WHERE p.role = 'victim' AND p.mosaic_group IS NOT NULL AND c.recorded_date BETWEEN $from AND $to
    AND c.district_code IN (SELECT code FROM area_districts)
    AND ($offence_subgroup = '' OR c.offence_subgroup = $offence_subgroup)
    AND CASE $flag WHEN 'none' THEN true WHEN 'domestic' THEN c.domestic WHEN 'alcohol' THEN c.alcohol WHEN 'vehicle_taken' THEN c.vehicle_taken
          WHEN 'hate' THEN c.hate WHEN 'vawg' THEN c.vawg END
),
victims AS (
  SELECT mosaic_group AS "group", count(*) AS victims FROM (
    SELECT person_id, mosaic_group FROM victim_records
    QUALIFY row_number() OVER (PARTITION BY person_id ORDER BY recorded_date DESC, crime_ref DESC, mosaic_group) = 1)
  GROUP BY 1
),
joined AS (
  SELECT coalesce(r."group", v."group") AS "group", coalesce(r.residents, 0) AS residents, coalesce(v.victims, 0) AS victims
  FROM residents r FULL JOIN victims v USING ("group")
),
shares AS (
  SELECT "group", victims,
         100.0 * residents / nullif(sum(residents) OVER (), 0) AS pct_population,
         100.0 * victims / nullif(sum(victims) OVER (), 0) AS pct_victims
  FROM joined
)
SELECT "group", pct_population, pct_victims, victims,
       100.0 * pct_victims / nullif(pct_population, 0) AS index,
       CASE WHEN (SELECT count(*) FROM residents) = 0 THEN 'There is no Mosaic population for ' || (SELECT area_name FROM context_names)
         || ': residents'' shares and the index cannot be given (import the mosaic dataset for its wards or LSOAs).' END AS warning
FROM shares ORDER BY index DESC NULLS LAST, "group"

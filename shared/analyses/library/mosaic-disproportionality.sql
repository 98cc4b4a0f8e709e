-- Mosaic groups: share of residents against share of victims, and the index.
WITH places AS (
  SELECT lsoa_code AS code FROM geography WHERE district_code IN (SELECT code FROM area_districts)
  UNION SELECT ward_code FROM geography WHERE district_code IN (SELECT code FROM area_districts)
  UNION SELECT code FROM area_districts
),
residents AS (
  SELECT mosaic_group AS "group", sum(count) AS residents FROM mosaic
  WHERE area_code IN (SELECT code FROM places) AND (year IS NULL OR year = (SELECT max(year) FROM mosaic)) GROUP BY 1
),
victims AS (
  SELECT p.mosaic_group AS "group", count(DISTINCT p.person_id) AS victims
  FROM crime_people p JOIN crimes c USING (crime_ref)
  WHERE p.role = 'victim' AND p.mosaic_group IS NOT NULL AND c.recorded_date BETWEEN $from AND $to
    AND c.district_code IN (SELECT code FROM area_districts)
    AND ($offence_subgroup = '' OR c.offence_subgroup = $offence_subgroup)
    AND CASE $flag WHEN 'none' THEN true WHEN 'domestic' THEN c.domestic WHEN 'alcohol' THEN c.alcohol WHEN 'vehicle_taken' THEN c.vehicle_taken
          WHEN 'hate' THEN c.hate WHEN 'vawg' THEN c.vawg END
  GROUP BY 1
),
joined AS (
  SELECT coalesce(r."group", v."group") AS "group", coalesce(r.residents, 0) AS residents, coalesce(v.victims, 0) AS victims
  FROM residents r FULL JOIN victims v USING ("group")
)
SELECT "group",
       100.0 * residents / sum(residents) OVER () AS pct_population,
       100.0 * victims / nullif(sum(victims) OVER (), 0) AS pct_victims,
       victims,
       100.0 * (victims / nullif(sum(victims) OVER (), 0)) / nullif(residents / sum(residents) OVER (), 0) AS index
FROM joined ORDER BY index DESC NULLS LAST, "group"

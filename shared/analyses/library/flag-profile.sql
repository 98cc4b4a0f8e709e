-- The offence mix of a flagged cohort: each group's and subgroup's share of the flagged crimes.
WITH cohort AS (
  SELECT offence_group, offence_subgroup FROM crimes
  WHERE recorded_date BETWEEN $from AND $to AND district_code IN (SELECT code FROM area_districts)
    AND CASE $flag WHEN 'domestic' THEN domestic WHEN 'alcohol' THEN alcohol WHEN 'drugs' THEN drugs WHEN 'hate' THEN hate
          WHEN 'vawg' THEN vawg WHEN 'cse' THEN cse WHEN 'knife' THEN knife WHEN 'public_place' THEN public_place
          WHEN 'business' THEN business WHEN 'vehicle_taken' THEN vehicle_taken END
),
counts AS (
  SELECT offence_group, NULL::VARCHAR AS offence_subgroup, count(*) AS count FROM cohort GROUP BY offence_group
  UNION ALL
  SELECT offence_group, offence_subgroup, count(*) FROM cohort WHERE offence_subgroup IS NOT NULL GROUP BY offence_group, offence_subgroup
)
SELECT offence_group, offence_subgroup, count, 100.0 * count / (SELECT count(*) FROM cohort) AS pct
FROM counts ORDER BY offence_group, offence_subgroup NULLS FIRST

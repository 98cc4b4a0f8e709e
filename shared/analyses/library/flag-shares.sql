-- The share of each offence's crimes carrying a flag (a cohort within a cohort), area vs comparator.
WITH c AS (
  SELECT offence_group, offence_subgroup,
         coalesce(CASE $flag WHEN 'domestic' THEN domestic WHEN 'alcohol' THEN alcohol WHEN 'drugs' THEN drugs WHEN 'hate' THEN hate
           WHEN 'vawg' THEN vawg WHEN 'cse' THEN cse WHEN 'knife' THEN knife WHEN 'public_place' THEN public_place
           WHEN 'business' THEN business WHEN 'vehicle_taken' THEN vehicle_taken END, false) AS is_set,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crimes WHERE recorded_date BETWEEN $from AND $to
),
counts AS (
  SELECT 0 AS level, 'All crime' AS offence_group, NULL::VARCHAR AS offence_subgroup,
         count(*) FILTER (WHERE in_area) AS crimes, count(*) FILTER (WHERE in_area AND is_set) AS flagged,
         count(*) FILTER (WHERE in_comparator) AS comparator_crimes, count(*) FILTER (WHERE in_comparator AND is_set) AS comparator_flagged FROM c
  UNION ALL
  SELECT 1, offence_group, NULL, count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_area AND is_set),
         count(*) FILTER (WHERE in_comparator), count(*) FILTER (WHERE in_comparator AND is_set) FROM c GROUP BY offence_group
  UNION ALL
  SELECT 2, offence_group, offence_subgroup, count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_area AND is_set),
         count(*) FILTER (WHERE in_comparator), count(*) FILTER (WHERE in_comparator AND is_set) FROM c WHERE offence_subgroup IS NOT NULL GROUP BY offence_group, offence_subgroup
)
SELECT offence_group, offence_subgroup, crimes, flagged,
       100.0 * flagged / nullif(crimes, 0) AS pct,
       100 * prop_lower(flagged, nullif(crimes, 0), $confidence) AS lower,
       100 * prop_upper(flagged, nullif(crimes, 0), $confidence) AS upper,
       comparator_crimes, comparator_flagged, 100.0 * comparator_flagged / nullif(comparator_crimes, 0) AS comparator_pct
FROM counts ORDER BY level = 0 DESC, offence_group, level, offence_subgroup

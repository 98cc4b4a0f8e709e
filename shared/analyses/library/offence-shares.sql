-- Each offence group's and subgroup's share of all recorded crime, area vs comparator.
WITH c AS (
  SELECT offence_group, offence_subgroup,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crimes WHERE recorded_date BETWEEN $from AND $to
),
totals AS (SELECT count(*) FILTER (WHERE in_area) AS area_total, count(*) FILTER (WHERE in_comparator) AS comparator_total FROM c),
counts AS (
  SELECT 1 AS level, offence_group, NULL::VARCHAR AS offence_subgroup, count(*) FILTER (WHERE in_area) AS area_count, count(*) FILTER (WHERE in_comparator) AS comparator_count
  FROM c GROUP BY offence_group
  UNION ALL
  SELECT 2, offence_group, offence_subgroup, count(*) FILTER (WHERE in_area), count(*) FILTER (WHERE in_comparator)
  FROM c WHERE offence_subgroup IS NOT NULL GROUP BY offence_group, offence_subgroup
)
SELECT offence_group, offence_subgroup, area_count,
       100.0 * area_count / nullif(t.area_total, 0) AS pct,
       100 * prop_lower(area_count, nullif(t.area_total, 0), $confidence) AS lower,
       100 * prop_upper(area_count, nullif(t.area_total, 0), $confidence) AS upper,
       comparator_count, 100.0 * comparator_count / nullif(t.comparator_total, 0) AS comparator_pct
FROM counts, totals t ORDER BY offence_group, level, offence_subgroup

-- Children on child protection plans and looked-after children per resident under 18, area vs comparator.
WITH records AS (
  SELECT incident_type AS record_type,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM incidents WHERE incident_type IN ('Child protection plan', 'Looked-after child') AND reported_date BETWEEN $from AND $to
),
counts AS (
  SELECT record_type, count(*) FILTER (WHERE in_area) AS area_count, count(*) FILTER (WHERE in_comparator) AS comparator_count FROM records GROUP BY record_type
),
children AS (
  SELECT sum(count) FILTER (WHERE in_area) AS area_under18, sum(count) FILTER (WHERE in_comparator) AS comparator_under18 FROM child_populations
)
SELECT c.record_type, c.area_count, k.area_under18,
       c.area_count / k.area_under18 * $per AS area_rate,
       rate_lower(c.area_count, k.area_under18, $per, $confidence) AS area_rate_lower,
       rate_upper(c.area_count, k.area_under18, $per, $confidence) AS area_rate_upper,
       c.comparator_count, k.comparator_under18, c.comparator_count / k.comparator_under18 * $per AS comparator_rate,
       fingertips_compare(rate_lower(c.area_count, k.area_under18, $per, $confidence), rate_upper(c.area_count, k.area_under18, $per, $confidence),
                          c.comparator_count / k.comparator_under18 * $per) AS comparison,
       CASE WHEN k.area_under18 IS NULL THEN 'The population has no under-18 age bands for the area: import population by age (0-15 and 16-17, or single years) to give these rates.' END AS warning
FROM counts c, children k ORDER BY c.record_type

-- Children on child protection plans and looked-after children per resident under 18: area vs comparator, and wards.
WITH records AS (
  SELECT incident_type AS record_type, ward_code,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM incidents WHERE incident_type IN ('Child protection plan', 'Looked-after child') AND reported_date BETWEEN $from AND $to
),
types AS (SELECT DISTINCT record_type FROM records),
children AS (
  SELECT sum(count) FILTER (WHERE in_area) AS area_under18, sum(count) FILTER (WHERE in_comparator) AS comparator_under18 FROM child_populations
),
areas AS (
  SELECT t.record_type, 1 AS ord, 'area' AS level, (SELECT area_name FROM context_names) AS geography,
         (SELECT count(*) FROM records r WHERE r.record_type = t.record_type AND r.in_area) AS children, k.area_under18 AS under18,
         (SELECT count(*) FROM records r WHERE r.record_type = t.record_type AND r.in_comparator) / k.comparator_under18 * $per AS comparator_rate
  FROM types t, children k
),
wards AS (
  SELECT t.record_type, 2 AS ord, 'ward' AS level, w.ward_name AS geography,
         (SELECT count(*) FROM records r WHERE r.record_type = t.record_type AND r.ward_code = w.ward_code) AS children, w.count AS under18,
         a.children / a.under18 * $per AS comparator_rate
  FROM types t CROSS JOIN child_populations w JOIN areas a USING (record_type) WHERE w.in_area AND w.ward_code IS NOT NULL
)
SELECT record_type, level, geography, children, under18,
       children / under18 * $per AS rate,
       rate_lower(children, under18, $per, $confidence) AS lower, rate_upper(children, under18, $per, $confidence) AS upper,
       comparator_rate,
       fingertips_compare(rate_lower(children, under18, $per, $confidence), rate_upper(children, under18, $per, $confidence), comparator_rate) AS comparison,
       CASE WHEN under18 IS NULL THEN 'The population has no under-18 age bands here: import population by age (0-15 and 16-17, or single years) to give these rates.' END AS warning
FROM (SELECT * FROM areas UNION ALL SELECT * FROM wards)
ORDER BY record_type, ord, rate DESC NULLS LAST, geography

-- The comparator's districts ranked by crime and ASB per resident population, lowest first.
WITH events AS (
  SELECT district_code FROM crimes WHERE recorded_date BETWEEN $from AND $to AND $measure IN ('crime and ASB', 'crime')
  UNION ALL SELECT district_code FROM asb WHERE reported_date BETWEEN $from AND $to AND $measure IN ('crime and ASB', 'ASB')
),
residents AS (
  WITH years AS (SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa')
  SELECT g.district_code, any_value(g.district_name) AS district_name, sum(p.count) AS population
  FROM population p JOIN geography g ON g.lsoa_code = p.area_code, years
  WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest)
    AND g.district_code IN (SELECT code FROM comparator_districts)
  GROUP BY g.district_code
),
rates AS (
  SELECT r.district_code, r.district_name, r.population, (SELECT count(*) FROM events e WHERE e.district_code = r.district_code) AS count
  FROM residents r
)
SELECT rank() OVER (ORDER BY count / population) AS rank, district_name, district_code, count, population, count / population * $per AS rate,
       count(*) OVER () AS districts, district_code IN (SELECT code FROM area_districts) AS is_area
FROM rates ORDER BY rank, district_name

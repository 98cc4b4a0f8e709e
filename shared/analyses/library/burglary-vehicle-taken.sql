-- Share of burglaries with a vehicle taken: the area, its comparator, and each of the area's wards.
WITH b AS (
  SELECT ward_code, ward_name, vehicle_taken,
         district_code IN (SELECT code FROM area_districts) AS in_area, district_code IN (SELECT code FROM comparator_districts) AS in_comparator
  FROM crimes WHERE offence_group = 'Burglary' AND recorded_date BETWEEN $from AND $to
),
counts AS (
  SELECT 1 AS ord, 'area' AS level, (SELECT string_agg(DISTINCT district_name, ', ') FROM geography WHERE district_code IN (SELECT code FROM area_districts)) AS geography,
         count(*) FILTER (WHERE in_area) AS burglaries, count(*) FILTER (WHERE in_area AND vehicle_taken) AS vehicle_taken FROM b
  UNION ALL
  SELECT 2, 'comparator', (SELECT comparator_name FROM context_names),
         count(*) FILTER (WHERE in_comparator), count(*) FILTER (WHERE in_comparator AND vehicle_taken) FROM b
  UNION ALL
  SELECT 3, 'ward', w.ward_name, count(b.ward_code), count(b.ward_code) FILTER (WHERE b.vehicle_taken)
  FROM ward_populations w LEFT JOIN b ON b.ward_code = w.ward_code GROUP BY w.ward_name
)
SELECT level, geography, burglaries, vehicle_taken,
       100.0 * vehicle_taken / nullif(burglaries, 0) AS pct,
       100 * prop_lower(vehicle_taken, nullif(burglaries, 0), $confidence) AS lower,
       100 * prop_upper(vehicle_taken, nullif(burglaries, 0), $confidence) AS upper
FROM counts ORDER BY ord, pct DESC NULLS LAST, geography

-- Every district (or CSP) of the comparator (the area's force by default) side by side for one measure: count,
-- population, rate with limits, rank (1 = lowest), comparison with the force rate, and funnel-plot limits at each
-- district's population around the force rate (95% and 99.8%, exact Poisson as PHEindicatormethods), optionally
-- adjusted for overdispersion (Spiegelhalter: multiplicative or additive random effects).
WITH years AS (
  SELECT max(year) FILTER (WHERE year <= year(CAST($to AS DATE))) AS before, min(year) AS earliest FROM population WHERE area_type = 'lsoa'
),
-- Districts map to CSPs through the geography lookup; the unit is one or the other.
units AS (
  SELECT DISTINCT district_code,
         CASE WHEN $level = 'csp' THEN coalesce(csp_code, district_code) ELSE district_code END AS unit_code,
         CASE WHEN $level = 'csp' THEN coalesce(csp_name, district_name) ELSE district_name END AS unit_name
  FROM geography WHERE district_code IN (SELECT code FROM comparator_districts)
),
residents AS (
  SELECT u.unit_code, sum(p.count) AS population
  FROM population p JOIN geography g ON g.lsoa_code = p.area_code JOIN units u ON u.district_code = g.district_code, years
  WHERE p.area_type = 'lsoa' AND p.sex = 'all' AND p.age_band = 'all' AND p.year = coalesce(years.before, years.earliest)
  GROUP BY u.unit_code
),
events AS (
  SELECT district_code FROM crimes
  WHERE recorded_date BETWEEN $from AND $to AND $measure_kind IN ('crime', 'offence_group', 'offence_subgroup', 'flag')
    AND CASE $measure_kind
      WHEN 'crime' THEN true
      WHEN 'offence_group' THEN offence_group = $measure
      WHEN 'offence_subgroup' THEN offence_subgroup = $measure
      ELSE CASE $measure WHEN 'domestic' THEN domestic WHEN 'alcohol' THEN alcohol WHEN 'drugs' THEN drugs WHEN 'hate' THEN hate
        WHEN 'vawg' THEN vawg WHEN 'cse' THEN cse WHEN 'knife' THEN knife WHEN 'public_place' THEN public_place
        WHEN 'business' THEN business WHEN 'vehicle_taken' THEN vehicle_taken ELSE false END END
  UNION ALL
  SELECT district_code FROM asb
  WHERE reported_date BETWEEN $from AND $to AND ($measure_kind = 'asb' OR ($measure_kind = 'asb_category' AND category = $measure))
  UNION ALL
  SELECT district_code FROM incidents
  WHERE reported_date BETWEEN $from AND $to
    AND (($measure_kind = 'incident_type' AND incident_type = $measure) OR ($measure_kind = 'incident_high_risk' AND incident_type = $measure AND lower(risk_level) = 'high'))
),
counts AS (
  SELECT u.unit_code, any_value(u.unit_name) AS unit_name, r.population,
         (SELECT count(*) FROM events e WHERE e.district_code IN (SELECT district_code FROM units v WHERE v.unit_code = u.unit_code)) AS count
  FROM units u JOIN residents r USING (unit_code) GROUP BY u.unit_code, r.population
),
-- The force rate is all the districts' events over all their residents (PHE's average), per person here.
force AS (SELECT sum(count) / sum(population) AS average FROM counts),
scored AS (
  SELECT c.*, f.average, (c.count / c.population - f.average) / sqrt(f.average / c.population) AS z, sqrt(f.average / c.population) AS s
  FROM counts c, force f
),
dispersion AS (SELECT od_phi(list(z)) AS phi, od_tau2(list(z), list(s)) AS tau2 FROM scored),
limited AS (
  SELECT s.*, d.phi, d.tau2,
         -- The adjustment applies only when the districts are more spread than Poisson allows (phi > 1).
         $overdispersion <> 'none' AND d.phi > 1 AS adjusted
  FROM scored s, dispersion d
)
SELECT unit_code AS district_code, unit_name AS district_name, count, population,
       count / population * $per AS rate,
       rate_lower(count, population, $per, $confidence) AS lower,
       rate_upper(count, population, $per, $confidence) AS upper,
       CAST(rank() OVER (ORDER BY count / population) AS INTEGER) AS rank,
       fingertips_compare(rate_lower(count, population, $per, $confidence), rate_upper(count, population, $per, $confidence), average * $per) AS comparison,
       average * $per AS force_rate,
       CASE WHEN adjusted THEN od_limit(population, average * $per, $per, 0.95, -1, $overdispersion, phi, tau2) ELSE funnel_lower(population, average * $per, $per, 0.95) END AS funnel_lower_95,
       CASE WHEN adjusted THEN od_limit(population, average * $per, $per, 0.95, 1, $overdispersion, phi, tau2) ELSE funnel_upper(population, average * $per, $per, 0.95) END AS funnel_upper_95,
       CASE WHEN adjusted THEN od_limit(population, average * $per, $per, 0.998, -1, $overdispersion, phi, tau2) ELSE funnel_lower(population, average * $per, $per, 0.998) END AS funnel_lower_998,
       CASE WHEN adjusted THEN od_limit(population, average * $per, $per, 0.998, 1, $overdispersion, phi, tau2) ELSE funnel_upper(population, average * $per, $per, 0.998) END AS funnel_upper_998,
       CASE WHEN adjusted THEN $overdispersion ELSE 'none' END AS overdispersion,
       phi, tau2,
       unit_code IN (SELECT u.unit_code FROM units u WHERE u.district_code IN (SELECT code FROM area_districts)) AS is_area
FROM limited
ORDER BY rank, district_name

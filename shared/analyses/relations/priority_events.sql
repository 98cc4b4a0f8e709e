-- Every event behind a priority's measure (a crime, an ASB report, an incident) in the two periods of
-- priority_window, in the area's and the comparator's districts: one row per measure it counts towards.
WITH places AS (SELECT code FROM comparator_districts UNION SELECT code FROM area_districts),
window_crimes AS (SELECT c.* FROM crimes c, priority_window b WHERE c.recorded_date BETWEEN b.previous_start AND b.current_end AND c.district_code IN (SELECT code FROM places))
SELECT p.priority_ord, p.measure_ord, e.district_code, e.ward_code, e.day
FROM priority_measures p JOIN (
  SELECT 'crime' AS kind, '' AS key, district_code, ward_code, recorded_date AS day FROM window_crimes
  UNION ALL SELECT 'offence_group', offence_group, district_code, ward_code, recorded_date FROM window_crimes
  UNION ALL SELECT 'offence_subgroup', offence_subgroup, district_code, ward_code, recorded_date FROM window_crimes
  UNION ALL SELECT 'flag', f.flag, c.district_code, c.ward_code, c.recorded_date FROM window_crimes c,
    (VALUES ('domestic'), ('alcohol'), ('drugs'), ('cse'), ('vehicle_taken')) AS f(flag)
    WHERE CASE f.flag WHEN 'domestic' THEN c.domestic WHEN 'alcohol' THEN c.alcohol WHEN 'drugs' THEN c.drugs WHEN 'cse' THEN c.cse ELSE c.vehicle_taken END
  UNION ALL SELECT 'asb', '', a.district_code, a.ward_code, a.reported_date FROM asb a, priority_window b WHERE a.reported_date BETWEEN b.previous_start AND b.current_end AND a.district_code IN (SELECT code FROM places)
  UNION ALL SELECT 'incident_type', i.incident_type, i.district_code, i.ward_code, i.reported_date FROM incidents i, priority_window b WHERE i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)
  UNION ALL SELECT 'incident_high_risk', i.incident_type, i.district_code, i.ward_code, i.reported_date FROM incidents i, priority_window b WHERE lower(i.risk_level) = 'high' AND i.reported_date BETWEEN b.previous_start AND b.current_end AND i.district_code IN (SELECT code FROM places)
) e ON e.kind = p.measure_kind AND e.key = p.measure_key

-- Each ward's SPI component and dimension scores beside its crime and ASB rates and survey results: the points
-- behind the correlations of spi-triangulation, one row per ward and measure (the measures as spi-triangulation
-- correlates them: spi_ward_measures, made by the runner from shared/analyses/relations/).
SELECT v.ward_code, w.ward_name, v.measure, v.value, v.base
FROM (SELECT ward_code, CASE source WHEN 'spi' THEN 'SPI: ' || measure ELSE measure END AS measure, value, base FROM spi_ward_measures) v
     JOIN ward_populations w USING (ward_code)
WHERE v.value IS NOT NULL
ORDER BY v.measure, w.ward_name

-- ipguard schema, version 3: one country vocabulary (issue 11).
-- No table changes: cases.country holds the code of a country or region (ISO 3166-1 alpha-2,
-- EU, or a WIPO ST.3 regional code) and experts.countries the codes joined by `;`. The
-- stored values are converted after this file by store/countries.rs (`migrate`), which reads
-- the vocabulary of model/country.rs; a value it cannot map stays as it was and is reported
-- by `ipguard check`.
SELECT 1;
